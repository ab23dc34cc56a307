/**
 * Whether the click-to-call server is up, known all the time and not only when a token is
 * due: with the worker down, a call "rings" for seconds while Twilio cannot get its TwiML, and
 * then fails with a gateway error nobody can act on. The watchdog checks every minute; a call
 * placed while the server was last seen down checks again first, and is refused with a
 * sentence if it still is. The popup's header says so instead of "Ready for calls".
 */
import { t } from '../lib/i18n';
import { MessageError } from '../lib/router';
import { readItem, writeItem } from '../lib/storage';
import { agentClient } from './session';

/** Asks the worker now and stores the answer (`workerHealth`). Signed out: nothing to ask. */
export async function checkWorkerHealth(): Promise<boolean> {
  const client = await agentClient().catch(() => null);
  if (!client) return true;
  const result = await client.health();
  // Any answer below 500 is a worker that runs (a 503 from /health is one that is not set up).
  const status = result.ok ? 200 : result.status;
  const reachable = status !== 0 && status < 500;
  await writeItem('session', 'workerHealth', { reachable, status, checkedAt: Date.now() });
  return reachable;
}

/** Before placing a call: refuses it when the server was down and still is. */
export async function assertWorkerUp(): Promise<void> {
  const last = await readItem('session', 'workerHealth');
  if (!last || last.reachable) return;
  if (!(await checkWorkerHealth())) throw new MessageError('network', t('errorWorkerDown'));
}
