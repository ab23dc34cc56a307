/**
 * The `odoo-sync` queue: a message says "this call's Odoo log may be due". It carries only the
 * CallSid; D1 says what to do. Sending is best effort: a message lost (or a queue not bound at
 * all) only delays the note until the cron finds the call (worker/sync/cron.ts).
 */
import type { Env } from '../env';
import { describeError, writeLog } from '../log';

export const SYNC_QUEUE = 'odoo-sync';
export const DEAD_LETTER_QUEUE = 'odoo-sync-dlq';

/** Cloudflare Queues: at most 12 hours of delay, 100 messages per batch. */
const MAX_DELAY_SECONDS = 43_200;
const MAX_BATCH = 100;

export async function enqueueCalls(env: Env, sids: readonly string[], delaySeconds = 0): Promise<void> {
  if (!env.ODOO_SYNC || sids.length === 0) return;
  const delay = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delaySeconds)));
  try {
    for (let start = 0; start < sids.length; start += MAX_BATCH) {
      await env.ODOO_SYNC.sendBatch(
        sids.slice(start, start + MAX_BATCH).map((sid) => ({ body: { sid }, delaySeconds: delay })),
      );
    }
  } catch (error) {
    // The call is in D1 and the cron re-drives it: nothing is lost, it only waits longer.
    writeLog('warn', 'odoo_sync_enqueue_failed', { calls: sids.length, error: describeError(error) });
  }
}
