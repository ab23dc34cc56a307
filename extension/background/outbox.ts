import type { Disposition, FollowUpRequest } from '../../shared/api';
import type { AgentKey } from '../../shared/settings';
import { isOwnedBy } from '../lib/agent-key';
import { localDate } from '../lib/follow-up-dates';
import { t } from '../lib/i18n';
import { createSerialQueue } from '../lib/serial';
import { type OutboxItem, readItem, writeItem } from '../lib/storage';
import { endsSession, type WorkerClient, type WorkerFailure } from '../lib/worker-client';

/**
 * Wrap-ups (outcome + note) wait here, in `chrome.storage.local`, until the worker has them.
 * Saving only queues, so a popup that closes mid-save, a worker that is down, or a browser that
 * restarts loses nothing; one item per call, so saving twice replaces rather than doubles, and
 * the worker's wrap-up route sets (not appends) the call's outcome, so a retry is harmless.
 * Each item belongs to the agent who was on the call (issue 12, item 5): it is only sent with a
 * session of that agent at that worker; other agents' items wait, untouched, for their agent.
 * The call back an item asks for (issue 13, item 6) goes with it.
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

/** Adds or replaces the call's wrap-up, as `owner`'s. Resolves once it is stored. */
export async function queueWrapUp(
  callSid: string,
  disposition: Disposition,
  note: string,
  owner: AgentKey,
  now = Date.now(),
  followUp?: FollowUpRequest,
): Promise<void> {
  const item: OutboxItem = {
    owner,
    callSid,
    disposition,
    note,
    ...(followUp ? { followUp } : {}),
    queuedAt: now,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    failed: false,
  };
  await updateOutbox((outbox) => [...outbox.filter((entry) => entry.callSid !== callSid), item]);
}

/**
 * Sends every item of `agent` that is due, with `client` (that agent's session). Returns when
 * the agent's next attempt is due (epoch ms), or null when nothing of theirs is left to retry on
 * its own. Other agents' items are neither sent nor changed.
 */
export function flushOutbox(client: WorkerClient, agent: AgentKey, now = Date.now()): Promise<number | null> {
  flushing ??= sendDue(client, agent, now).finally(() => {
    flushing = null;
  });
  return flushing;
}

async function sendDue(client: WorkerClient, agent: AgentKey, now: number): Promise<number | null> {
  for (const item of await readOutbox()) {
    if (!isOwnedBy(item, agent)) continue;
    if (item.failed || item.nextAttemptAt > now) continue;
    const result = await client.wrapUp(item.callSid, {
      disposition: item.disposition,
      note: item.note,
      ...(item.followUp ? { followUp: stillAhead(item.followUp, now) } : {}),
    });
    // Only touch the entry that was sent: the agent may have saved this call again meanwhile.
    const isSent = (entry: OutboxItem) => entry.callSid === item.callSid && entry.queuedAt === item.queuedAt;
    await updateOutbox((outbox) =>
      result.ok
        ? outbox.filter((entry) => !isSent(entry))
        : outbox.map((entry) =>
            isSent(entry)
              ? {
                  ...entry,
                  // An entry of an older version is the agent's from its first attempt on.
                  owner: entry.owner ?? agent,
                  attempts: entry.attempts + 1,
                  lastError: refusalText(result),
                  nextAttemptAt: now + retryAfter(result, entry.attempts + 1),
                  // A session the worker ended is not a refusal of the note: it waits for sign-in.
                  failed: !endsSession(result) && isPermanent(result.status),
                }
              : entry,
          ),
    );
    // Signed out: nothing else can go until the agent signs in again.
    if (!result.ok && endsSession(result)) break;
  }
  const waiting = (await readOutbox()).filter((item) => !item.failed && isOwnedBy(item, agent));
  return waiting.length === 0 ? null : Math.min(...waiting.map((item) => item.nextAttemptAt));
}

/**
 * A call back whose day went by while the wrap-up waited (the worker was down over a weekend)
 * is due today: the worker refuses a day in the past, and the note must not be lost for it.
 */
function stillAhead(followUp: FollowUpRequest, now: number): FollowUpRequest {
  const today = localDate(now);
  return followUp.date < today ? { ...followUp, date: today } : followUp;
}

/**
 * The worker refused the wrap-up itself (bad disposition, note too long, another agent's call,
 * 409: a different wrap-up of this call is in Odoo already): retrying cannot help. 404 is not
 * permanent: the call may not be known yet (its status callback is still on the way), or the
 * worker does not have the route yet. 401 waits for the next sign-in; 429 for Retry-After.
 */
function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 404, 408, 425, 429].includes(status);
}

/** The next attempt: when the worker said (429 `Retry-After`), else the usual backoff. */
function retryAfter(result: WorkerFailure, attempts: number): number {
  return result.retryAfterSeconds !== undefined ? result.retryAfterSeconds * 1000 : retryDelay(attempts);
}

/** What the popup shows under a note that did not go; a conflict says where to fix it. */
function refusalText(result: WorkerFailure): string {
  return result.code === 'conflict' ? t('outboxConflict') : result.message;
}

/**
 * The agent signed in: what waited for them is due now rather than at its next retry (it may
 * have waited for days while other agents used this browser). Refused items stay refused.
 */
export function dueNow(agent: AgentKey, now = Date.now()): Promise<void> {
  return updateOutbox((outbox) =>
    outbox.map((item) => (isOwnedBy(item, agent) && !item.failed ? { ...item, nextAttemptAt: now } : item)),
  );
}

/** Puts the agent's refused items back in line (they pressed "retry"); others' stay as they are. */
export function retryFailed(agent: AgentKey, now = Date.now()): Promise<void> {
  return updateOutbox((outbox) =>
    outbox.map((item) => (isOwnedBy(item, agent) ? { ...item, failed: false, nextAttemptAt: now } : item)),
  );
}
