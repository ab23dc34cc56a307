import type { Disposition } from '../../shared/api';
import { createSerialQueue } from '../lib/serial';
import { type OutboxItem, readItem, writeItem } from '../lib/storage';
import type { WorkerClient } from '../lib/worker-client';

/**
 * Wrap-ups (outcome + note) wait here, in `chrome.storage.local`, until the worker has them.
 * Saving only queues, so a popup that closes mid-save, a worker that is down, or a browser that
 * restarts loses nothing; one item per call, so saving twice replaces rather than doubles, and
 * the worker's wrap-up route sets (not appends) the call's outcome, so a retry is harmless.
 */

/** Retry delays after a failure: quick at first, then every 15 minutes. */
export const RETRY_DELAYS_MS = [10_000, 30_000, 60_000, 5 * 60_000, 15 * 60_000];

export function retryDelay(attempts: number): number {
  return RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0]!;
}

// Not state: the flush in progress, so an alarm and a save never send the same item twice at
// once, and the queue that keeps the outbox's read-modify-write cycles from interleaving.
let flushing: Promise<number | null> | null = null;
const serial = createSerialQueue();

function updateOutbox(change: (outbox: OutboxItem[]) => OutboxItem[]): Promise<void> {
  return serial(async () => writeItem('local', 'outbox', change(await readOutbox())));
}

export async function readOutbox(): Promise<OutboxItem[]> {
  return (await readItem('local', 'outbox')) ?? [];
}

/** Adds or replaces the call's wrap-up. Resolves once it is stored. */
export async function queueWrapUp(
  callSid: string,
  disposition: Disposition,
  note: string,
  now = Date.now(),
): Promise<void> {
  const item: OutboxItem = {
    callSid,
    disposition,
    note,
    queuedAt: now,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    failed: false,
  };
  await updateOutbox((outbox) => [...outbox.filter((entry) => entry.callSid !== callSid), item]);
}

/**
 * Sends every item that is due. Returns when the next attempt is due (epoch ms), or null when
 * nothing is left to retry on its own.
 */
export function flushOutbox(client: WorkerClient, now = Date.now()): Promise<number | null> {
  flushing ??= sendDue(client, now).finally(() => {
    flushing = null;
  });
  return flushing;
}

async function sendDue(client: WorkerClient, now: number): Promise<number | null> {
  for (const item of await readOutbox()) {
    if (item.failed || item.nextAttemptAt > now) continue;
    const result = await client.wrapUp(item.callSid, { disposition: item.disposition, note: item.note });
    // Only touch the entry that was sent: the agent may have saved this call again meanwhile.
    const isSent = (entry: OutboxItem) => entry.callSid === item.callSid && entry.queuedAt === item.queuedAt;
    await updateOutbox((outbox) =>
      result.ok
        ? outbox.filter((entry) => !isSent(entry))
        : outbox.map((entry) =>
            isSent(entry)
              ? {
                  ...entry,
                  attempts: entry.attempts + 1,
                  lastError: result.message,
                  nextAttemptAt: now + retryDelay(entry.attempts + 1),
                  failed: isPermanent(result.status),
                }
              : entry,
          ),
    );
    // Signed out: nothing else can go until the agent signs in again.
    if (!result.ok && result.status === 401) break;
  }
  const waiting = (await readOutbox()).filter((item) => !item.failed);
  return waiting.length === 0 ? null : Math.min(...waiting.map((item) => item.nextAttemptAt));
}

/**
 * The worker refused the wrap-up itself (bad disposition, note too long): retrying cannot help.
 * 404 is not permanent: the call may not be known yet (its status callback is still on the way),
 * or the worker does not have the route yet. 401 waits for the next sign-in.
 */
function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 404, 408, 409, 425, 429].includes(status);
}

/** Puts refused items back in line (the agent pressed "retry", or signed in again). */
export function retryFailed(now = Date.now()): Promise<void> {
  return updateOutbox((outbox) => outbox.map((item) => ({ ...item, failed: false, nextAttemptAt: now })));
}
