import { DISPOSITION_OF_UNANSWERED, type WrapUp } from '../../shared/phone-state';
import type { AgentKey } from '../../shared/settings';
import { readDraft, removeDraft } from '../lib/storage';
import { queueWrapUp } from './outbox';
import { sendOutbox } from './outbox-sender';
import { dispatch } from './phone-store';

/**
 * The wrap-up set aside when the agent's next call started (issue 13, items 2 and 7). An
 * attempt nobody answered (busy, no answer…) whose note the agent left empty needs nothing from
 * them: it goes to the outbox with the outcome shown (the one filled in, or the one they picked),
 * one item per call as a save would. Any other waits, with its draft, until they finish it.
 */
export async function settleSetAside(setAside: WrapUp | null, agent: AgentKey | undefined): Promise<void> {
  if (!setAside?.unanswered) return;
  const owner = setAside.owner ?? agent;
  if (!owner) return;
  const draft = await readDraft(setAside.callSid);
  if (draft && draft.note.trim() !== '') return;
  const disposition = draft?.disposition || DISPOSITION_OF_UNANSWERED[setAside.unanswered];
  // Stored before it leaves the waiting list: a stop in between leaves it in both, never in neither.
  await queueWrapUp(setAside.callSid, disposition, draft?.note ?? '', owner);
  await dispatch({ type: 'wrap-up-closed', callSid: setAside.callSid });
  await removeDraft(setAside.callSid);
  void sendOutbox().catch((error: unknown) => console.info('outbox: will retry', error));
}
