/**
 * The cron (every minute) re-drives calls the queue should have handled and did not: a message
 * lost with a worker that died, a dead-lettered call still pending, an attempt that died holding
 * its claim. Without a queue bound it writes them itself, a few per run.
 */

import { strandedCalls } from '../db/call-log';
import type { Env } from '../env';
import { LEASE_MS, logCall } from './log-call';
import { enqueueCalls } from './queue';

/** A call due this long ago with no attempt since is stranded (its queue message should have come). */
export const STRANDED_AFTER_MS = 30_000;
/** Calls re-driven per run through the queue, and written directly when there is none. */
const PER_RUN = 500;
const DIRECT_PER_RUN = 25;

export async function redriveStranded(env: Env, now: number = Date.now()): Promise<string[]> {
  const sids = await strandedCalls(
    env.DB,
    now,
    STRANDED_AFTER_MS,
    LEASE_MS,
    env.ODOO_SYNC ? PER_RUN : DIRECT_PER_RUN,
  );
  if (env.ODOO_SYNC) await enqueueCalls(env, sids);
  else for (const sid of sids) await logCall(env, sid);
  return sids;
}
