/** D1 access to `agents`: Odoo users who signed in to the extension. */
import { identityOf } from '../agent-identity';

export interface AgentRow {
  uid: number;
  identity: string;
  login: string;
  name: string;
  partner_id: number | null;
  lang: string | null;
  signed_in_at: number;
  last_token_at: number | null;
  token_expires_at: number | null;
}

export interface SignedInAgent {
  uid: number;
  login: string;
  name: string;
  partnerId: number | null;
  lang: string | null;
}

/** Creates or refreshes the agent at sign-in (name, language... may have changed in Odoo). */
export async function upsertAgent(db: D1Database, agent: SignedInAgent, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO agents (uid, identity, login, name, partner_id, lang, signed_in_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (uid) DO UPDATE SET
         login = excluded.login, name = excluded.name, partner_id = excluded.partner_id,
         lang = excluded.lang, signed_in_at = excluded.signed_in_at`,
    )
    .bind(agent.uid, identityOf(agent.uid), agent.login, agent.name, agent.partnerId, agent.lang, now)
    .run();
}

/**
 * Notes that the agent got an access token valid until `expiresAt`. False when the agent is
 * unknown (removed since their session was issued): they must sign in again.
 */
export async function recordTokenIssued(
  db: D1Database,
  uid: number,
  now: number,
  expiresAt: number,
): Promise<boolean> {
  const result = await db
    .prepare('UPDATE agents SET last_token_at = ?2, token_expires_at = ?3 WHERE uid = ?1')
    .bind(uid, now, expiresAt)
    .run();
  return result.meta.changes > 0;
}

export function findAgent(db: D1Database, uid: number): Promise<AgentRow | null> {
  return db.prepare('SELECT * FROM agents WHERE uid = ?1').bind(uid).first<AgentRow>();
}

/**
 * Agents whose latest access token is still valid, most recently active first: their Device may
 * be registered right now. Presence (available / do not disturb) refines this in a later issue.
 * A statement, so a route can batch it with its other D1 work.
 */
export function reachableAgentsQuery(db: D1Database, now: number, limit: number): D1PreparedStatement {
  return db
    .prepare('SELECT * FROM agents WHERE token_expires_at > ?1 ORDER BY last_token_at DESC, uid LIMIT ?2')
    .bind(now, limit);
}
