/** D1 access to `agents`: Odoo users who signed in to the extension. */
import { identityOf } from '../agent-identity';
import type { Standing } from '../odoo/agent-standing';
import { deleteAgentSessions } from './sessions';

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
  tz: string | null;
  presence_status: 'available' | 'dnd' | null;
  presence_registered: number;
  presence_expires_at: number | null;
  standing: Standing | null;
  standing_checked_at: number | null;
}

export interface SignedInAgent {
  uid: number;
  login: string;
  name: string;
  partnerId: number | null;
  lang: string | null;
  tz?: string | null;
}

/** Creates or refreshes the agent at sign-in (name, language... may have changed in Odoo). */
export async function upsertAgent(db: D1Database, agent: SignedInAgent, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO agents (uid, identity, login, name, partner_id, lang, signed_in_at, tz)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
       ON CONFLICT (uid) DO UPDATE SET
         login = excluded.login, name = excluded.name, partner_id = excluded.partner_id,
         lang = excluded.lang, signed_in_at = excluded.signed_in_at, tz = excluded.tz`,
    )
    .bind(
      agent.uid,
      identityOf(agent.uid),
      agent.login,
      agent.name,
      agent.partnerId,
      agent.lang,
      now,
      agent.tz ?? null,
    )
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

/** What the last check of the agent in Odoo found (agents/standing.ts), and when. */
export async function recordStanding(
  db: D1Database,
  uid: number,
  standing: Standing,
  now: number,
): Promise<void> {
  await db
    .prepare('UPDATE agents SET standing = ?2, standing_checked_at = ?3 WHERE uid = ?1')
    .bind(uid, standing, now)
    .run();
}

/**
 * The agent may not be an agent any more: every session ends (with its Odoo credential), and
 * inbound calls stop ringing them at once (their presence and token count as gone).
 */
export async function revokeAgent(
  db: D1Database,
  uid: number,
  standing: Standing,
  now: number,
): Promise<void> {
  await db.batch([
    deleteAgentSessions(db, uid),
    db
      .prepare(
        `UPDATE agents SET standing = ?2, standing_checked_at = ?3, presence_registered = 0,
                           presence_expires_at = MIN(COALESCE(presence_expires_at, ?3), ?3),
                           token_expires_at = MIN(COALESCE(token_expires_at, ?3), ?3)
         WHERE uid = ?1`,
      )
      .bind(uid, standing, now),
  ]);
}

export function findAgent(db: D1Database, uid: number): Promise<AgentRow | null> {
  return db.prepare('SELECT * FROM agents WHERE uid = ?1').bind(uid).first<AgentRow>();
}

export type PresenceStatus = 'available' | 'dnd';

/**
 * The agent's presence as the extension reports it (on change and every minute or so), valid
 * until `expiresAt`: an agent whose browser closed stops being rung when it expires. False when
 * the agent is unknown (they must sign in again).
 */
export async function updatePresence(
  db: D1Database,
  uid: number,
  presence: { status: PresenceStatus; registered: boolean },
  expiresAt: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE agents SET presence_status = ?2, presence_registered = ?3, presence_expires_at = ?4
       WHERE uid = ?1`,
    )
    .bind(uid, presence.status, presence.registered ? 1 : 0, expiresAt)
    .run();
  return result.meta.changes > 0;
}

/** A call that looks in progress for longer than this is taken to have lost its final callback. */
const LONGEST_CALL_MS = 4 * 3600_000;

/**
 * Agents an inbound call may ring now: available, Device registered, presence and Twilio token
 * still valid, signed in (a session that was not ended or revoked), and not on another call. Most recently active first. A statement, so a route can
 * batch it with its other D1 work.
 */
export function ringableAgentsQuery(db: D1Database, now: number, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT * FROM agents
       WHERE presence_status = 'available' AND presence_registered = 1 AND presence_expires_at > ?1
         AND token_expires_at > ?1
         AND EXISTS (SELECT 1 FROM sessions WHERE sessions.uid = agents.uid AND sessions.expires_at > ?1)
         AND NOT EXISTS (SELECT 1 FROM calls WHERE calls.agent_uid = agents.uid AND calls.status = 'in-progress'
                           AND calls.started_at > ?1 - ?3)
       ORDER BY last_token_at DESC, uid LIMIT ?2`,
    )
    .bind(now, limit, LONGEST_CALL_MS);
}
