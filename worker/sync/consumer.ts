/**
 * The queue consumer (`odoo-sync`, and its dead-letter queue `odoo-sync-dlq`). Each message is one
 * call; the messages of a batch are worked on together, each acked or retried on its own.
 */
import { CALL_SID_PATTERN } from '../../shared/call-sid';
import type { Env, SyncMessage } from '../env';
import { describeError, writeLog } from '../log';
import { logCall } from './log-call';
import { DEAD_LETTER_QUEUE } from './queue';

/** When D1 itself failed (not Odoo): try the message again soon. */
const UNEXPECTED_RETRY_SECONDS = 10;

export async function handleSyncBatch(batch: MessageBatch<SyncMessage>, env: Env): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) {
    // Retries ran out while Odoo kept failing. The call is still pending in D1: the cron keeps
    // trying it, with back-off, until Odoo answers or the call is a week old (then failed).
    for (const message of batch.messages) {
      writeLog('warn', 'odoo_sync_dead_letter', {
        callSid: String(message.body?.sid),
        attempts: message.attempts,
      });
      message.ack();
    }
    return;
  }
  await Promise.all(
    batch.messages.map(async (message) => {
      const sid = message.body?.sid;
      if (typeof sid !== 'string' || !CALL_SID_PATTERN.test(sid)) {
        message.ack();
        return;
      }
      try {
        const result = await logCall(env, sid);
        if (result.kind === 'retry') message.retry({ delaySeconds: result.delaySeconds });
        else message.ack();
      } catch (error) {
        writeLog('error', 'odoo_sync', { callSid: sid, outcome: 'error', error: describeError(error) });
        message.retry({ delaySeconds: UNEXPECTED_RETRY_SECONDS });
      }
    }),
  );
}
