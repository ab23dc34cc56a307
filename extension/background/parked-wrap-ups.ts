import type { WrapUp } from '../../shared/phone-state';
import type { AgentKey } from '../../shared/settings';
import { isSameAgent } from '../lib/agent-key';
import { createSerialQueue } from '../lib/serial';
import { type ParkedWrapUp, readItem, removeItem, writeItem } from '../lib/storage';
import { dispatch, readPhoneState } from './phone-store';

/**
 * A wrap-up still pending when its agent signs out is theirs alone (issue 12, item 5): it leaves
 * the phone state, with what was typed for it (the draft), and waits in `chrome.storage.local`
 * until that agent signs in again, so the next agent on this browser profile neither sees nor
 * saves it, and their own calls do not replace it.
 */

// Not state: keeps the parked list's read-modify-write cycles from interleaving.
const serial = createSerialQueue();

/**
 * At sign-out: parks the pending wrap-up for its owner (the agent on the call; for a wrap-up of
 * an older version, which has none, the agent signing out).
 */
export function parkOnSignOut(signedOut: AgentKey | undefined): Promise<void> {
  return serial(async () => {
    const { wrapUp } = await readPhoneState();
    const owner = wrapUp?.owner ?? signedOut;
    if (wrapUp && owner) await park(wrapUp, owner);
  });
}

/**
 * At sign-in: a pending wrap-up of another agent (their call ended after they signed out) is
 * parked for them, and the agent's own parked wrap-up, if any, is pending again with its draft.
 */
export function handOverOnSignIn(agent: AgentKey): Promise<void> {
  return serial(async () => {
    const { wrapUp } = await readPhoneState();
    if (wrapUp?.owner && !isSameAgent(wrapUp.owner, agent)) await park(wrapUp, wrapUp.owner);
    const parked = (await readItem('local', 'parkedWrapUps')) ?? [];
    // The most recent first, should an agent have more than one (a sign-in found theirs pending).
    const mine = parked.findLast((entry) => isSameAgent(entry.owner, agent));
    if (!mine) return;
    const { changed } = await dispatch({ type: 'wrap-up-restored', wrapUp: mine.wrapUp });
    // Another wrap-up of theirs is pending already (a call that outlived a sign-out): the parked
    // one waits for the next sign-in rather than replace it.
    if (!changed) return;
    if (mine.draft) await writeItem('local', 'draft', mine.draft);
    await writeParked(parked.filter((entry) => entry !== mine));
  });
}

async function park(wrapUp: WrapUp, owner: AgentKey): Promise<void> {
  const draft = await readItem('local', 'draft');
  const entry: ParkedWrapUp = { owner, wrapUp, draft: draft?.callSid === wrapUp.callSid ? draft : null };
  const parked = (await readItem('local', 'parkedWrapUps')) ?? [];
  // Stored before it leaves the phone state: a stop in between leaves it in both, never in neither.
  await writeParked([...parked.filter((other) => other.wrapUp.callSid !== wrapUp.callSid), entry]);
  await dispatch({ type: 'wrap-up-closed', callSid: wrapUp.callSid });
  if (entry.draft) await removeItem('local', 'draft');
}

async function writeParked(parked: ParkedWrapUp[]): Promise<void> {
  if (parked.length === 0) await removeItem('local', 'parkedWrapUps');
  else await writeItem('local', 'parkedWrapUps', parked);
}
