import type { AgentKey } from '../../shared/settings';
import { isOwnedBy } from './agent-key';
import type { MissedCall } from './storage';

/**
 * The missed calls an agent sees (issue 13, item 3): those of calls that rang their phone. The
 * background (badge, notification) and the popup use this, so both count the same ones.
 */
export function missedCallsOf(list: MissedCall[] | undefined, agent: AgentKey | undefined): MissedCall[] {
  if (!list || !agent) return [];
  return list.filter((entry) => isOwnedBy(entry, agent));
}

/** How many of them the agent has not seen yet: the toolbar badge's count. */
export function unseenCount(list: MissedCall[] | undefined, agent: AgentKey | undefined): number {
  return missedCallsOf(list, agent).filter((entry) => !entry.seen).length;
}

/** Whether the caller can be called back: a real number (not `anonymous`, not a browser client). */
export function canCallBack(entry: MissedCall): boolean {
  return /^\+[1-9]\d{5,14}$/.test(entry.party.number);
}

/** Who called, as a person reads it: the name the worker found, else the number as shown. */
export function missedCaller(entry: MissedCall): string {
  return entry.party.name ?? entry.party.display;
}
