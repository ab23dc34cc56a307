/**
 * Odoo's login cooldown, as the worker has seen it (migration 0004, `worker_state`). Odoo counts
 * failed logins per source address and, after five in a row, refuses *every* login and API-key
 * check from that address for about a minute (`res.users._assert_can_auth`). All of the worker's
 * requests come from the worker's address, so a cooldown stops the service account too: the
 * worker notes when it saw one, `/health` shows it, and Odoo's refusal is retried, not taken as
 * a verdict on the credentials.
 */

const KEY = 'odoo_login_cooldown_seen_at';

/** How long Odoo keeps an address on cooldown by default (`base.login_cooldown_duration`). */
export const ODOO_COOLDOWN_MS = 60_000;

/** The text of the AccessDenied Odoo raises while the address is on cooldown. */
export const ODOO_COOLDOWN_MESSAGE = 'Too many login failures, please wait a bit before trying again.';

/** Whether an Odoo error message is the cooldown's refusal (not a wrong password or key). */
export function isCooldownMessage(message: string | undefined): boolean {
  return message?.includes('Too many login failures') === true;
}

export async function noteOdooCooldown(db: D1Database, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO worker_state (key, value, updated_at) VALUES (?1, ?2, ?2)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .bind(KEY, String(now))
    .run();
}

/** When the worker last saw Odoo's cooldown, or null (never, or not since the table exists). */
export async function odooCooldownSeenAt(db: D1Database): Promise<number | null> {
  const row = await db
    .prepare('SELECT value FROM worker_state WHERE key = ?1')
    .bind(KEY)
    .first<{ value: string }>();
  const at = row ? Number(row.value) : Number.NaN;
  return Number.isFinite(at) ? at : null;
}
