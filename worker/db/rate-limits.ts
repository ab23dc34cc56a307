/**
 * Fixed-window counters with lockouts, in D1 so they hold across worker instances
 * (migration 0004, `rate_limits`). A key counts events (`count`) since `window_started_at`; the
 * event that goes over `limit` locks the key for `blockMs`, doubled for each lockout in a row
 * (`strikes`) up to `maxBlockMs`. An event is counted *before* the work it stands for (a sign-in
 * asked of Odoo), so a burst of parallel requests cannot slip through between check and count;
 * `uncount` takes back an event that turned out not to count (Odoo never judged the password).
 * Events while a key is locked are refused and not counted: waiting out a lockout is enough.
 */

export interface LimitRule {
  limit: number;
  windowMs: number;
  /** The first lockout; each one in a row lasts twice as long… */
  blockMs: number;
  /** …up to this. */
  maxBlockMs: number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface CounterRow {
  count: number;
  window_started_at: number;
  blocked_until: number | null;
  strikes: number;
}

const retryAfter = (until: number, now: number): LimitDecision => ({
  allowed: false,
  retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)),
});

/** Counts one event for `key` and says whether it may go ahead. */
export async function hit(db: D1Database, key: string, rule: LimitRule, now: number): Promise<LimitDecision> {
  const row = await db
    .prepare(
      `INSERT INTO rate_limits (key, count, window_started_at) VALUES (?1, 1, ?2)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN blocked_until > ?2 THEN count
                      WHEN window_started_at <= ?2 - ?3 THEN 1 ELSE count + 1 END,
         window_started_at = CASE WHEN blocked_until > ?2 THEN window_started_at
                                  WHEN window_started_at <= ?2 - ?3 THEN ?2 ELSE window_started_at END
       RETURNING count, window_started_at, blocked_until, strikes`,
    )
    .bind(key, now, rule.windowMs)
    .first<CounterRow>();
  if (!row) return { allowed: true };
  if (row.blocked_until !== null && row.blocked_until > now) return retryAfter(row.blocked_until, now);
  if (row.count <= rule.limit) return { allowed: true };
  const blockMs = Math.min(rule.maxBlockMs, rule.blockMs * 2 ** Math.min(row.strikes, 20));
  const until = now + blockMs;
  // The lockout starts a new window: once it is over, the key has its whole limit again.
  await db
    .prepare(
      `UPDATE rate_limits SET blocked_until = ?2, strikes = strikes + 1, count = 0, window_started_at = ?3
       WHERE key = ?1`,
    )
    .bind(key, until, now)
    .run();
  return retryAfter(until, now);
}

/** Whether any of the keys is locked now (without counting anything). */
export async function lockedUntil(
  db: D1Database,
  keys: readonly string[],
  now: number,
): Promise<LimitDecision> {
  if (keys.length === 0) return { allowed: true };
  const row = await db
    .prepare(
      `SELECT MAX(blocked_until) AS until FROM rate_limits
       WHERE key IN (${keys.map((_, index) => `?${index + 2}`).join(', ')}) AND blocked_until > ?1`,
    )
    .bind(now, ...keys)
    .first<{ until: number | null }>();
  return row?.until ? retryAfter(row.until, now) : { allowed: true };
}

/** Takes back one event that did not count. */
export async function uncount(db: D1Database, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.batch(
    keys.map((key) =>
      db.prepare('UPDATE rate_limits SET count = MAX(count - 1, 0) WHERE key = ?1').bind(key),
    ),
  );
}

/** Forgets the key: its count and its lockouts in a row (a success). */
export async function forget(db: D1Database, key: string): Promise<void> {
  await db.prepare('DELETE FROM rate_limits WHERE key = ?1').bind(key).run();
}
