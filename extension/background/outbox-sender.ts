import { agentKeyOf } from '../lib/agent-key';
import { browser } from '../lib/browser';
import { flushOutbox } from './outbox';
import { agentClient, readSession } from './session';

export const OUTBOX_ALARM = 'outbox';

/**
 * Sends what is due now of the signed-in agent's wrap-ups, with that agent's session (one read,
 * so the items and the session cannot belong to two agents), and sets the alarm for the next
 * retry (the worker may sleep meanwhile).
 */
export async function sendOutbox(): Promise<void> {
  const session = await readSession();
  if (!session) return;
  const next = await flushOutbox(await agentClient(session), agentKeyOf(session));
  if (next === null) await browser.alarms.clear(OUTBOX_ALARM);
  else browser.alarms.create(OUTBOX_ALARM, { when: Math.max(next, Date.now() + 1000) });
}
