/**
 * D1 access to `calls` and `call_events`. A call row is created when Twilio asks for its TwiML;
 * every status callback is stored once in `call_events` and the row's status, outcome and times
 * are re-derived from all of them (see calls/projection.ts), so retries and callbacks that
 * arrive out of order leave the same row as an orderly delivery.
 */
import type { CallDirection } from '../../shared/api';
import { uidOfClientAddress } from '../agent-identity';
import { type LegEvent, projectCall, type TwilioCallStatus } from '../calls/projection';
import type { RecordMatch } from '../odoo/match';
import type { CallRecordModel } from '../odoo/records';
import type { AgentRow } from './agents';

export interface NewCall {
  sid: string;
  direction: CallDirection;
  agentUid: number | null;
  from: string;
  to: string;
  otherNumber: string;
  record: { model: string; id: number } | null;
}

export interface CallRow {
  sid: string;
  direction: CallDirection;
  agent_uid: number | null;
  from_number: string;
  to_number: string;
  other_number: string;
  record_model: string | null;
  record_id: number | null;
  status: string;
  outcome: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  duration_seconds: number | null;
  events_applied: number;
  updated_at: number;
}

const INSERT_CALL_COLUMNS = `INSERT INTO calls (sid, direction, agent_uid, from_number, to_number, other_number,
                                              record_model, record_id, status, started_at, updated_at)`;

function callValues(call: NewCall, now: number): unknown[] {
  return [
    call.sid,
    call.direction,
    call.agentUid,
    call.from,
    call.to,
    call.otherNumber,
    call.record?.model ?? null,
    call.record?.id ?? null,
    now,
  ];
}

/**
 * Stores a new call; Twilio retrying the same TwiML request changes nothing. A statement, so a
 * route can send it in one batch (one round trip to D1) with the reads it needs.
 */
export function insertCallStatement(db: D1Database, call: NewCall, now: number): D1PreparedStatement {
  return db
    .prepare(
      `${INSERT_CALL_COLUMNS}
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'initiated', ?9, ?9)
       ON CONFLICT (sid) DO NOTHING`,
    )
    .bind(...callValues(call, now));
}

/**
 * An agent (row of `agents`) may place calls while signed in (a live session: not signed out, not
 * revoked) and not found unfit by the last check in Odoo. A Twilio token outlives a sign-out by
 * up to an hour; this is what makes it useless for calling out. `now` is a parameter's name.
 */
const mayCall = (now: string) => `COALESCE(agents.standing, 'ok') = 'ok'
  AND EXISTS (SELECT 1 FROM sessions WHERE sessions.uid = agents.uid AND sessions.expires_at > ${now})`;

/**
 * Stores an agent's outbound call if, and only if, that agent may call (known, signed in, not
 * revoked), and reads the agent, in one round trip: the hot path of placing a call. Null (and
 * nothing stored) otherwise.
 */
export async function insertAgentCall(
  db: D1Database,
  call: NewCall & { agentUid: number },
  now: number,
): Promise<AgentRow | null> {
  const [, agent] = await db.batch([
    db
      .prepare(
        `${INSERT_CALL_COLUMNS}
         SELECT ?1, ?2, uid, ?4, ?5, ?6, ?7, ?8, 'initiated', ?9, ?9 FROM agents WHERE uid = ?3 AND ${mayCall('?9')}
         ON CONFLICT (sid) DO NOTHING`,
      )
      .bind(...callValues(call, now)),
    db.prepare(`SELECT * FROM agents WHERE uid = ?1 AND ${mayCall('?2')}`).bind(call.agentUid, now),
  ]);
  return (agent?.results[0] as AgentRow | undefined) ?? null;
}

export interface StatusCallback {
  callSid: string;
  /** The call the leg belongs to: `ParentCallSid` for a dialled leg, else the leg itself. */
  parentSid: string;
  status: TwilioCallStatus;
  sequenceNumber: number | null;
  occurredAt: number;
  durationSeconds: number | null;
  to: string | null;
}

/** What recording a callback did: nothing (a retry), stored only (no such call), or applied. */
export type CallbackEffect = 'duplicate' | 'unknown_call' | 'applied';

interface EventRow {
  call_sid: string;
  status: TwilioCallStatus;
  sequence_number: number | null;
  occurred_at: number;
  duration_seconds: number | null;
  to_number: string | null;
}

export async function recordStatusCallback(
  db: D1Database,
  event: StatusCallback,
  now: number,
): Promise<CallbackEffect> {
  // One transaction: the event, then the call and all its events as they are with it stored.
  const [inserted, callResult, eventsResult] = await db.batch([
    db
      .prepare(
        `INSERT OR IGNORE INTO call_events (call_sid, parent_sid, status, sequence_number, occurred_at,
                                            duration_seconds, to_number, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(
        event.callSid,
        event.parentSid,
        event.status,
        event.sequenceNumber,
        event.occurredAt,
        event.durationSeconds,
        event.to,
        now,
      ),
    db.prepare('SELECT direction FROM calls WHERE sid = ?1').bind(event.parentSid),
    db
      .prepare(
        `SELECT call_sid, status, sequence_number, occurred_at, duration_seconds, to_number
         FROM call_events WHERE parent_sid = ?1`,
      )
      .bind(event.parentSid),
  ]);
  if (!inserted || inserted.meta.changes === 0) return 'duplicate';
  const call = (callResult?.results as { direction: CallDirection }[] | undefined)?.[0];
  if (!call) return 'unknown_call';

  const rows = (eventsResult?.results ?? []) as EventRow[];
  const events: LegEvent[] = rows.map((row) => ({
    callSid: row.call_sid,
    status: row.status,
    sequenceNumber: row.sequence_number,
    occurredAt: row.occurred_at,
    durationSeconds: row.duration_seconds,
    to: row.to_number,
  }));
  const projection = projectCall(call.direction, event.parentSid, events);
  // Two callbacks of one call handled at once: each read all events stored so far, so the one
  // that saw more saw a superset; `events_applied` keeps the other from writing an older view.
  await db
    .prepare(
      `UPDATE calls SET status = ?2, outcome = ?3, answered_at = ?4, ended_at = ?5, duration_seconds = ?6,
                        agent_uid = COALESCE(agent_uid, ?7), events_applied = ?8, updated_at = ?9
       WHERE sid = ?1 AND events_applied < ?8`,
    )
    .bind(
      event.parentSid,
      projection.status,
      projection.outcome,
      projection.answeredAt,
      projection.endedAt,
      projection.durationSeconds,
      uidOfClientAddress(projection.answeredBy),
      events.length,
      now,
    )
    .run();
  return 'applied';
}

/**
 * The call a CallSid belongs to: its own row (the parent leg), or the row of the call whose
 * dialled leg it is. The extension knows an inbound call by its own (child) leg's sid.
 */
export function findCall(db: D1Database, sid: string): Promise<CallRow | null> {
  return db
    .prepare(
      `SELECT * FROM calls
       WHERE sid = ?1 OR sid = (SELECT parent_sid FROM call_events WHERE call_sid = ?1 LIMIT 1)
       LIMIT 1`,
    )
    .bind(sid)
    .first<CallRow>();
}

/** What an inbound call's look-up found, kept on the call for the next routing steps and its note. */
export function saveCallerStatement(
  db: D1Database,
  sid: string,
  match: Pick<RecordMatch, 'model' | 'id' | 'name' | 'callerName' | 'ownerUid' | 'matchedCount'>,
  number: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE calls SET record_model = ?2, record_id = ?3, record_name = ?4, caller_name = ?5, owner_uid = ?6,
                        matched_number = ?7, matched_count = ?8
       WHERE sid = ?1 AND record_model IS NULL`,
    )
    .bind(
      sid,
      match.model,
      match.id,
      match.name,
      match.callerName,
      match.ownerUid,
      number,
      match.matchedCount,
    );
}

export interface InboundCallRow {
  sid: string;
  from_number: string;
  record_model: CallRecordModel | null;
  record_id: number | null;
  record_name: string | null;
  caller_name: string | null;
  owner_uid: number | null;
}

export function inboundCallQuery(db: D1Database, sid: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT sid, from_number, record_model, record_id, record_name, caller_name, owner_uid FROM calls
       WHERE sid = ?1 AND direction = 'inbound'`,
    )
    .bind(sid);
}
