/**
 * D1 side of writing calls to Odoo: when a call's log is due, who holds it, and what has been
 * written (message ids). D1 is the only state: any worker instance may die at any point and
 * another picks the call up from here.
 *
 * An attempt *claims* the call with one conditional UPDATE (pending and due, or posting with a
 * claim older than the lease), which also counts the attempt. Every write the attempt makes
 * afterwards is *fenced* by its claim (sid + claimed_at + attempts): an attempt that lost its
 * claim (it took longer than the lease and another one started) cannot record anything.
 */
import type { Disposition } from '../../shared/api';
import type { RecordMatch } from '../odoo/match';
import type { CallRecordModel } from '../odoo/records';

export type LogStatus = 'pending' | 'posting' | 'logged' | 'failed' | 'unmatched';

export interface Claim {
  sid: string;
  claimedAt: number;
  /** This attempt's number (1 for the first): beyond 1, an earlier one may have written. */
  attempt: number;
}

/** The call as an attempt sees it, with its agent (null for a missed inbound call). */
export interface CallToLog {
  sid: string;
  direction: 'outbound' | 'inbound';
  agent_uid: number | null;
  other_number: string;
  record_model: string | null;
  record_id: number | null;
  outcome: string | null;
  started_at: number;
  ended_at: number | null;
  duration_seconds: number | null;
  log_attempts: number;
  odoo_model: CallRecordModel | null;
  odoo_id: number | null;
  odoo_name: string | null;
  matched_number: string | null;
  matched_count: number | null;
  /** When the record was chosen (as the agent); `odoo_model` null then means "none". */
  record_chosen_at: number | null;
  note_message_id: number | null;
  activity_state: 'none' | 'claimed' | 'done' | null;
  activity_id: number | null;
  /** The call back the wrap-up in Odoo asked for: see migration 0005. */
  follow_up_state: 'claimed' | 'done' | 'none' | null;
  follow_up_activity_id: number | null;
  agent_name: string | null;
  agent_partner_id: number | null;
  agent_lang: string | null;
  agent_tz: string | null;
}

export interface WrapUpRow {
  seq: number;
  disposition: Disposition;
  note: string;
  in_note: number;
  message_id: number | null;
  /** The call back it asks for (`YYYY-MM-DD`), and the note for that activity. */
  follow_up_date: string | null;
  follow_up_note: string | null;
}

export interface RecordingRow {
  sid: string;
  url: string;
  duration_seconds: number | null;
  voicemail: number;
  in_note: number;
  message_id: number | null;
}

const FENCE = `EXISTS (SELECT 1 FROM calls WHERE sid = ?1 AND log_status = 'posting'
                       AND log_claimed_at = ?2 AND log_attempts = ?3)`;

/** Follow-ups still to send: the latest wrap-up if neither in the note nor sent, unsent recordings. */
const UNSENT_FOLLOW_UPS = `(EXISTS (SELECT 1 FROM recordings r WHERE r.call_sid = calls.sid AND r.in_note = 0
                                     AND r.message_id IS NULL)
   OR EXISTS (SELECT 1 FROM wrap_ups w WHERE w.call_sid = calls.sid AND w.in_note = 0 AND w.message_id IS NULL
                AND w.seq = (SELECT MAX(seq) FROM wrap_ups WHERE call_sid = calls.sid)))`;

/** A statement fenced by the claim: `?1`–`?3` are the claim, the rest are `values`. */
function fenced(db: D1Database, claim: Claim, sql: string, ...values: unknown[]): D1PreparedStatement {
  return db.prepare(sql).bind(claim.sid, claim.claimedAt, claim.attempt, ...values);
}

/** Runs fenced statements in one transaction; false when the claim was lost (nothing applied). */
async function runFenced(db: D1Database, statements: D1PreparedStatement[]): Promise<boolean> {
  const results = await db.batch(statements);
  return results.some((result) => result.meta.changes > 0);
}

/** One fenced statement; false when the claim was lost (nothing applied). */
async function updateFenced(
  db: D1Database,
  claim: Claim,
  sql: string,
  ...values: unknown[]
): Promise<boolean> {
  const result = await fenced(db, claim, sql, ...values).run();
  return result.meta.changes > 0;
}

/**
 * A call just ended (a terminal callback was stored): its log is due at the end of the wrap-up
 * window, or at once when there is nothing to wait for (the wrap-up is there, or nobody answered
 * and the voicemail is in). Returns when, or null if the call is not
 * over or was scheduled before (a retried callback).
 */
export async function scheduleEndedCall(
  db: D1Database,
  sid: string,
  now: number,
  windowMs: number,
): Promise<number | null> {
  const row = await db
    .prepare(
      `UPDATE calls SET log_due_at = CASE WHEN EXISTS (SELECT 1 FROM wrap_ups WHERE call_sid = calls.sid)
                                            OR (agent_uid IS NULL AND EXISTS (SELECT 1 FROM recordings
                                                                              WHERE call_sid = calls.sid))
                                     THEN ?2 ELSE COALESCE(ended_at, ?2) + ?3 END
       WHERE sid = ?1 AND status = 'completed' AND log_due_at IS NULL AND log_status = 'pending'
       RETURNING log_due_at`,
    )
    .bind(sid, now, windowMs)
    .first<{ log_due_at: number }>();
  return row?.log_due_at ?? null;
}

/**
 * Something to write arrived (a wrap-up, a recording): the call's log is due now, and a logged
 * call goes back to pending for its follow-up. With `unlessWaitingForWrapUp`, a call whose note
 * still waits for the agent's wrap-up keeps waiting (a recording joins the note then). Returns
 * the new status when the call must be (re)queued, else null.
 */
export async function bringForward(
  db: D1Database,
  sid: string,
  now: number,
  unlessWaitingForWrapUp: boolean,
): Promise<LogStatus | null> {
  const row = await db
    .prepare(
      `UPDATE calls SET log_status = CASE log_status WHEN 'logged' THEN 'pending' ELSE log_status END,
                        log_due_at = CASE WHEN log_due_at IS NULL OR log_due_at > ?2 THEN ?2 ELSE log_due_at END
       WHERE sid = ?1 AND status = 'completed' AND log_status IN ('pending', 'posting', 'logged')
         AND (?3 = 0 OR note_planned_at IS NOT NULL OR agent_uid IS NULL
              OR EXISTS (SELECT 1 FROM wrap_ups WHERE call_sid = calls.sid))
       RETURNING log_status`,
    )
    .bind(sid, now, unlessWaitingForWrapUp ? 1 : 0)
    .first<{ log_status: LogStatus }>();
  return row?.log_status ?? null;
}

/**
 * Claims the call for one attempt if it is due: pending and due, or posting under a claim older
 * than `leaseMs` (that attempt died). Null when there is nothing to do now.
 */
export async function claimCall(
  db: D1Database,
  sid: string,
  now: number,
  leaseMs: number,
): Promise<Claim | null> {
  const row = await db
    .prepare(
      `UPDATE calls SET log_status = 'posting', log_claimed_at = ?2, log_attempts = log_attempts + 1
       WHERE sid = ?1 AND status = 'completed' AND log_due_at <= ?2
         AND (log_status = 'pending' OR (log_status = 'posting' AND log_claimed_at <= ?2 - ?3))
       RETURNING log_attempts`,
    )
    .bind(sid, now, leaseMs)
    .first<{ log_attempts: number }>();
  return row ? { sid, claimedAt: now, attempt: row.log_attempts } : null;
}

export interface LogState {
  log_status: LogStatus;
  log_due_at: number | null;
  log_claimed_at: number | null;
  ended_at: number | null;
}

/** Where the call's log stands, when a claim was refused. Null: no such call. */
export function logState(db: D1Database, sid: string): Promise<LogState | null> {
  return db
    .prepare('SELECT log_status, log_due_at, log_claimed_at, ended_at FROM calls WHERE sid = ?1')
    .bind(sid)
    .first<LogState>();
}

/** Whether the attempt still holds its claim (checked before each write to Odoo). */
export async function claimHeld(db: D1Database, claim: Claim): Promise<boolean> {
  const row = await fenced(db, claim, `SELECT 1 AS held WHERE ${FENCE}`).first<{ held: number }>();
  return row !== null;
}

/**
 * Fixes what the call note carries, once: the latest wrap-up and the recordings known now.
 * Whatever arrives later becomes a follow-up message.
 */
export function planNote(db: D1Database, claim: Claim, now: number): Promise<boolean> {
  const unplanned = `${FENCE} AND EXISTS (SELECT 1 FROM calls WHERE sid = ?1 AND note_planned_at IS NULL)`;
  return runFenced(db, [
    fenced(
      db,
      claim,
      `UPDATE wrap_ups SET in_note = 1
       WHERE call_sid = ?1 AND seq = (SELECT MAX(seq) FROM wrap_ups WHERE call_sid = ?1) AND ${unplanned}`,
    ),
    fenced(db, claim, `UPDATE recordings SET in_note = 1 WHERE call_sid = ?1 AND ${unplanned}`),
    fenced(
      db,
      claim,
      `UPDATE calls SET note_planned_at = ?4 WHERE sid = ?1 AND note_planned_at IS NULL AND ${FENCE}`,
      now,
    ),
  ]);
}

/** The call, its agent, its wrap-ups and recordings, in one round trip. */
export async function readCallToLog(
  db: D1Database,
  sid: string,
): Promise<{
  call: CallToLog;
  wrapUps: WrapUpRow[];
  recordings: RecordingRow[];
  notePlanned: boolean;
} | null> {
  const [calls, wrapUps, recordings] = await db.batch([
    db
      .prepare(
        `SELECT calls.*, agents.name AS agent_name, agents.partner_id AS agent_partner_id,
                agents.lang AS agent_lang, agents.tz AS agent_tz
         FROM calls LEFT JOIN agents ON agents.uid = calls.agent_uid WHERE calls.sid = ?1`,
      )
      .bind(sid),
    db
      .prepare(
        `SELECT seq, disposition, note, in_note, message_id, follow_up_date, follow_up_note FROM wrap_ups
         WHERE call_sid = ?1 ORDER BY seq`,
      )
      .bind(sid),
    db
      .prepare(
        `SELECT sid, url, duration_seconds, voicemail, in_note, message_id FROM recordings
         WHERE call_sid = ?1 ORDER BY created_at, sid`,
      )
      .bind(sid),
  ]);
  const call = calls?.results[0] as (CallToLog & { note_planned_at: number | null }) | undefined;
  if (!call) return null;
  return {
    call,
    wrapUps: (wrapUps?.results ?? []) as WrapUpRow[],
    recordings: (recordings?.results ?? []) as RecordingRow[],
    notePlanned: call.note_planned_at !== null,
  };
}

export function saveMatch(db: D1Database, claim: Claim, match: RecordMatch, now: number): Promise<boolean> {
  return updateFenced(
    db,
    claim,
    `UPDATE calls SET odoo_model = ?4, odoo_id = ?5, odoo_name = ?6, matched_number = ?7, matched_count = ?8,
                      record_chosen_at = COALESCE(record_chosen_at, ?9)
       WHERE sid = ?1 AND ${FENCE}`,
    match.model,
    match.id,
    match.name,
    match.matchedNumber,
    match.matchedCount,
    now,
  );
}

export function saveNoteId(db: D1Database, claim: Claim, messageId: number): Promise<boolean> {
  return updateFenced(
    db,
    claim,
    `UPDATE calls SET note_message_id = ?4 WHERE sid = ?1 AND ${FENCE}`,
    messageId,
  );
}

export function saveActivity(
  db: D1Database,
  claim: Claim,
  state: 'none' | 'claimed' | 'done',
  activityId: number | null,
  messageId: number | null,
): Promise<boolean> {
  return updateFenced(
    db,
    claim,
    `UPDATE calls SET activity_state = ?4, activity_id = ?5, activity_message_id = ?6 WHERE sid = ?1 AND ${FENCE}`,
    state,
    activityId,
    messageId,
  );
}

/**
 * Where the wrap-up's call back stands: `claimed` before the activity is written (a later attempt
 * then looks for it in Odoo first), `done` with its id, or `none` with the reason.
 */
export function saveFollowUp(
  db: D1Database,
  claim: Claim,
  state: 'claimed' | 'done' | 'none',
  activityId: number | null,
  error: string | null,
): Promise<boolean> {
  return updateFenced(
    db,
    claim,
    `UPDATE calls SET follow_up_state = ?4, follow_up_activity_id = ?5, follow_up_error = ?6 WHERE sid = ?1 AND ${FENCE}`,
    state,
    activityId,
    error,
  );
}

export function saveWrapUpMessage(
  db: D1Database,
  claim: Claim,
  seq: number,
  messageId: number,
): Promise<boolean> {
  return updateFenced(
    db,
    claim,
    `UPDATE wrap_ups SET message_id = ?5 WHERE call_sid = ?1 AND seq = ?4 AND ${FENCE}`,
    seq,
    messageId,
  );
}

export function saveRecordingMessage(
  db: D1Database,
  claim: Claim,
  recordingSid: string,
  messageId: number,
): Promise<boolean> {
  return updateFenced(
    db,
    claim,
    `UPDATE recordings SET message_id = ?5 WHERE call_sid = ?1 AND sid = ?4 AND ${FENCE}`,
    recordingSid,
    messageId,
  );
}

/**
 * Ends a successful attempt: logged, unless a follow-up arrived meanwhile (then pending and due
 * now). Returns the status, or null when the claim was lost.
 */
export async function finishAttempt(db: D1Database, claim: Claim, now: number): Promise<LogStatus | null> {
  const row = await fenced(
    db,
    claim,
    `UPDATE calls SET log_status = CASE WHEN ${UNSENT_FOLLOW_UPS} THEN 'pending' ELSE 'logged' END,
                      log_due_at = ?4, log_claimed_at = NULL, log_error = NULL, logged_at = COALESCE(logged_at, ?4)
     WHERE sid = ?1 AND ${FENCE} RETURNING log_status`,
    now,
  ).first<{ log_status: LogStatus }>();
  return row?.log_status ?? null;
}

/** A transient failure: pending again, due after the back-off. */
export function retryLater(db: D1Database, claim: Claim, dueAt: number, error: string): Promise<boolean> {
  return updateFenced(
    db,
    claim,
    `UPDATE calls SET log_status = 'pending', log_claimed_at = NULL, log_due_at = ?4, log_error = ?5
       WHERE sid = ?1 AND ${FENCE}`,
    dueAt,
    error,
  );
}

/** A verdict: `failed` (with the reason) or `unmatched`; not retried. */
export function settle(
  db: D1Database,
  claim: Claim,
  status: 'failed' | 'unmatched',
  error: string | null,
): Promise<boolean> {
  return updateFenced(
    db,
    claim,
    `UPDATE calls SET log_status = ?4, log_claimed_at = NULL, log_due_at = NULL, log_error = ?5
       WHERE sid = ?1 AND ${FENCE}`,
    status,
    error,
  );
}

/**
 * Calls the queue should have handled by now and did not (a message lost, a worker that died
 * mid-attempt): due for more than `graceMs`, or posting under a claim older than the lease.
 */
export async function strandedCalls(
  db: D1Database,
  now: number,
  graceMs: number,
  leaseMs: number,
  limit: number,
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT sid FROM calls
       WHERE (log_status = 'pending' AND log_due_at <= ?1 - ?2) OR (log_status = 'posting' AND log_claimed_at <= ?1 - ?3)
       ORDER BY log_due_at LIMIT ?4`,
    )
    .bind(now, graceMs, leaseMs, limit)
    .all<{ sid: string }>();
  return results.map((row) => row.sid);
}

/**
 * Odoo answers again after failing: calls waiting out a back-off become due now, so that an
 * outage's backlog goes out in seconds rather than over the next back-off period.
 */
export async function wakeRetries(db: D1Database, now: number, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare(
      `UPDATE calls SET log_due_at = ?1
       WHERE sid IN (SELECT sid FROM calls WHERE log_status = 'pending' AND log_due_at > ?1
                       AND log_error IS NOT NULL ORDER BY log_due_at LIMIT ?2)
       RETURNING sid`,
    )
    .bind(now, limit)
    .all<{ sid: string }>();
  return results.map((row) => row.sid);
}
