/**
 * D1 access to `sessions` (migration 0004): a session is good while its row exists and has not
 * expired. Deleting rows is how a session ends everywhere at once (sign-out, an agent Odoo no
 * longer allows); the sealed Odoo credential goes with its row.
 */

export interface NewSession {
  id: string;
  uid: number;
  createdAt: number;
  expiresAt: number;
  /** The agent's Odoo password or API key, sealed (sealed-credential.ts). */
  sealedCredential: string | null;
}

export async function insertSession(db: D1Database, session: NewSession): Promise<void> {
  await db
    .prepare('INSERT INTO sessions (id, uid, created_at, expires_at, credential) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(session.id, session.uid, session.createdAt, session.expiresAt, session.sealedCredential)
    .run();
}

/** Whether the session (of this agent) still exists and has not expired. */
export async function isSessionLive(db: D1Database, id: string, uid: number, now: number): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS live FROM sessions WHERE id = ?1 AND uid = ?2 AND expires_at > ?3')
    .bind(id, uid, now)
    .first<{ live: number }>();
  return row !== null;
}

/** Ends one session (sign-out). True when it existed. */
export async function deleteSession(db: D1Database, id: string, uid: number): Promise<boolean> {
  const result = await db.prepare('DELETE FROM sessions WHERE id = ?1 AND uid = ?2').bind(id, uid).run();
  return result.meta.changes > 0;
}

/** A statement that ends every session of the agent, for a batch. */
export function deleteAgentSessions(db: D1Database, uid: number): D1PreparedStatement {
  return db.prepare('DELETE FROM sessions WHERE uid = ?1').bind(uid);
}

/** The agent's most recent live session's sealed credential, with what opens it. */
export function latestCredential(
  db: D1Database,
  uid: number,
  now: number,
): Promise<{ id: string; credential: string } | null> {
  return db
    .prepare(
      `SELECT id, credential FROM sessions WHERE uid = ?1 AND expires_at > ?2 AND credential IS NOT NULL
       ORDER BY created_at DESC LIMIT 1`,
    )
    .bind(uid, now)
    .first<{ id: string; credential: string }>();
}

/** Forgets a credential Odoo no longer accepts (changed password, revoked key). */
export async function dropCredential(db: D1Database, id: string): Promise<void> {
  await db.prepare('UPDATE sessions SET credential = NULL WHERE id = ?1').bind(id).run();
}

/** Expired sessions are removed with their credential (the cron). */
export async function deleteExpiredSessions(db: D1Database, now: number): Promise<number> {
  const result = await db.prepare('DELETE FROM sessions WHERE expires_at <= ?1').bind(now).run();
  return result.meta.changes;
}
