/**
 * Rate limiting of sign-in failures per login, in D1 so that it holds across worker instances.
 * An attempt is counted *before* Odoo is asked, so a burst of parallel guesses cannot slip
 * through between check and count; the count is taken back when Odoo could not answer (not the
 * person's fault) and cleared on success.
 */

export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** Logins are compared the way a person types them: case and surrounding spaces do not matter. */
export function loginKey(login: string): string {
  return login.trim().toLowerCase();
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one attempt for `login` and says whether it may go to Odoo. */
export async function countLoginAttempt(
  db: D1Database,
  login: string,
  now: number,
): Promise<AttemptDecision> {
  const windowStart = now - LOGIN_FAILURE_WINDOW_MS;
  const row = await db
    .prepare(
      `INSERT INTO login_failures (login, failures, window_started_at) VALUES (?1, 1, ?2)
       ON CONFLICT (login) DO UPDATE SET
         failures = CASE WHEN window_started_at <= ?3 THEN 1 ELSE failures + 1 END,
         window_started_at = CASE WHEN window_started_at <= ?3 THEN ?2 ELSE window_started_at END
       RETURNING failures, window_started_at`,
    )
    .bind(loginKey(login), now, windowStart)
    .first<{ failures: number; window_started_at: number }>();
  if (!row || row.failures <= MAX_LOGIN_FAILURES) return { allowed: true };
  const retryAfterMs = row.window_started_at + LOGIN_FAILURE_WINDOW_MS - now;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Takes back an attempt that Odoo never judged (unreachable, error). */
export async function uncountLoginAttempt(db: D1Database, login: string): Promise<void> {
  await db
    .prepare('UPDATE login_failures SET failures = MAX(failures - 1, 0) WHERE login = ?1')
    .bind(loginKey(login))
    .run();
}

/** A successful sign-in forgets earlier failures. */
export async function clearLoginFailures(db: D1Database, login: string): Promise<void> {
  await db.prepare('DELETE FROM login_failures WHERE login = ?1').bind(loginKey(login)).run();
}
