import type { WrapUp } from '../../shared/phone-state';
import type { AgentKey } from '../../shared/settings';
import { isSameAgent } from '../lib/agent-key';
import { createSerialQueue } from '../lib/serial';
import {
  draftKey,
  type ParkedWrapUp,
  readDraft,
  readItem,
  removeDraft,
  removeItem,
  writeItem,
} from '../lib/storage';
import { dispatch, readPhoneState } from './phone-store';

/**
 * The wrap-ups still to fill in when their agent signs out (the pending one and those waiting)
 * are theirs alone (issue 12, item 5): they leave the phone state, with what was typed for each
 * (its draft), and wait in `chrome.storage.local` until that agent signs in again, so the next
 * agent on this browser profile neither sees nor saves them, and their own calls do not replace
 * them.
 */

// Not state: keeps the parked list's read-modify-write cycles from interleaving.
const serial = createSerialQueue();

/**
 * At sign-out: parks the pending and waiting wrap-ups for their owner (the agent on the call;
 * for a wrap-up of an older version, which has none, the agent signing out).
 */
export function parkOnSignOut(signedOut: AgentKey | undefined): Promise<void> {
  return serial(async () => {
    const { wrapUp, waitingWrapUps = [] } = await readPhoneState();
    for (const each of [...(wrapUp ? [wrapUp] : []), ...waitingWrapUps]) {
      const owner = each.owner ?? signedOut;
      if (owner) await park(each, owner);
    }
  });
}

/**
 * At sign-in: another agent's wrap-ups still in the phone state (their call ended after they
 * signed out) are parked for them, and the agent's own parked ones are back with their drafts:
 * the most recent pending (unless one is already), the others waiting.
 */
export function handOverOnSignIn(agent: AgentKey): Promise<void> {
  return serial(async () => {
    const { wrapUp, waitingWrapUps = [] } = await readPhoneState();
    for (const each of [...(wrapUp ? [wrapUp] : []), ...waitingWrapUps]) {
      if (each.owner && !isSameAgent(each.owner, agent)) await park(each, each.owner);
    }
    const parked = (await readItem('local', 'parkedWrapUps')) ?? [];
    const mine = parked.filter((entry) => isSameAgent(entry.owner, agent));
    if (mine.length === 0) return;
    // The most recent first: it is the pending one, unless a call of theirs outlived a sign-out.
    for (const entry of mine.toReversed()) {
      if (entry.draft) await writeItem('local', draftKey(entry.wrapUp.callSid), entry.draft);
      await dispatch({ type: 'wrap-up-restored', wrapUp: entry.wrapUp });
    }
    await writeParked(parked.filter((entry) => !mine.includes(entry)));
  });
}

async function park(wrapUp: WrapUp, owner: AgentKey): Promise<void> {
  const draft = await readDraft(wrapUp.callSid);
  const entry: ParkedWrapUp = { owner, wrapUp, draft };
  const parked = (await readItem('local', 'parkedWrapUps')) ?? [];
  // Stored before it leaves the phone state: a stop in between leaves it in both, never in neither.
  await writeParked([...parked.filter((other) => other.wrapUp.callSid !== wrapUp.callSid), entry]);
  await dispatch({ type: 'wrap-up-closed', callSid: wrapUp.callSid });
  if (draft) await removeDraft(wrapUp.callSid);
}

async function writeParked(parked: ParkedWrapUp[]): Promise<void> {
  if (parked.length === 0) await removeItem('local', 'parkedWrapUps');
  else await writeItem('local', 'parkedWrapUps', parked);
}
