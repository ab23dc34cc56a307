import { browser } from '../lib/browser';
import { flushOutbox } from './outbox';
import { agentClient, readSession } from './session';

export const OUTBOX_ALARM = 'outbox';

/** Sends what is due now and sets the alarm for the next retry (the worker may sleep meanwhile). */
export async function sendOutbox(): Promise<void> {
  if (!(await readSession())) return;
  const next = await flushOutbox(await agentClient());
  if (next === null) await browser.alarms.clear(OUTBOX_ALARM);
  else browser.alarms.create(OUTBOX_ALARM, { when: Math.max(next, Date.now() + 1000) });
}
