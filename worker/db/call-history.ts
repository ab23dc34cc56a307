/** The agent's recent calls as `GET /calls` lists them (shared/api.ts `CallSummary`). */
import type {
  CallOutcome,
  CallSummary,
  Disposition,
  FollowUpSummary,
  LogStatus,
  OdooRecordRef,
} from '../../shared/api';
import { recordUrl } from '../odoo/match';

/** How many calls the history shows: a day's work for a busy SDR. */
export const HISTORY_LIMIT = 100;

interface HistoryRow {
  sid: string;
  direction: CallSummary['direction'];
  other_number: string;
  started_at: number;
  duration_seconds: number | null;
  status: string;
  outcome: CallOutcome | null;
  record_model: string | null;
  record_id: number | null;
  record_name: string | null;
  odoo_model: string | null;
  odoo_id: number | null;
  odoo_name: string | null;
  record_chosen_at: number | null;
  log_status: LogStatus | 'posting';
  log_error: string | null;
  disposition: Disposition | null;
  note: string | null;
  follow_up_date: string | null;
  follow_up_note: string | null;
  follow_up_state: 'claimed' | 'done' | 'none' | null;
  follow_up_error: string | null;
  voicemail: number;
}

const SELECT_HISTORY = `SELECT c.sid, c.direction, c.other_number, c.started_at, c.duration_seconds, c.status, c.outcome,
    c.record_model, c.record_id, c.record_name, c.odoo_model, c.odoo_id, c.odoo_name, c.record_chosen_at, c.log_status, c.log_error,
    w.disposition, w.note, w.follow_up_date, w.follow_up_note, c.follow_up_state, c.follow_up_error,
    EXISTS (SELECT 1 FROM recordings r WHERE r.call_sid = c.sid AND r.voicemail = 1) AS voicemail
  FROM calls c
  LEFT JOIN wrap_ups w ON w.call_sid = c.sid AND w.seq = (SELECT MAX(seq) FROM wrap_ups WHERE call_sid = c.sid)`;

/**
 * The record the call is logged on once it is chosen (as the agent sees Odoo: none when they may
 * read none), before that the one it was started from or that the caller's number found.
 */
function recordOf(row: HistoryRow, odooUrl: string | undefined): OdooRecordRef | null {
  const [model, id, name] =
    row.odoo_model && row.odoo_id
      ? [row.odoo_model, row.odoo_id, row.odoo_name]
      : row.record_chosen_at !== null
        ? [null, null, null]
        : [row.record_model, row.record_id, row.record_name];
  if (!model || !id) return null;
  return {
    model,
    id,
    ...(name ? { name } : {}),
    ...(odooUrl ? { url: recordUrl(odooUrl, model, id) } : {}),
  };
}

/** The call back the latest wrap-up asked for, and whether it is (or will be) in Odoo. */
function followUpOf(row: HistoryRow, logStatus: LogStatus): FollowUpSummary | null {
  if (row.follow_up_date === null) return null;
  const asked = { date: row.follow_up_date, ...(row.follow_up_note ? { note: row.follow_up_note } : {}) };
  if (row.follow_up_state === 'done') return { ...asked, status: 'scheduled' };
  if (row.follow_up_state === 'none') {
    return {
      ...asked,
      status: 'not_scheduled',
      ...(row.follow_up_error ? { reason: row.follow_up_error } : {}),
    };
  }
  if (logStatus === 'unmatched') {
    return {
      ...asked,
      status: 'not_scheduled',
      reason: 'No Odoo record for this call: the call back was not scheduled.',
    };
  }
  if (logStatus === 'failed') {
    return { ...asked, status: 'not_scheduled', ...(row.log_error ? { reason: row.log_error } : {}) };
  }
  return { ...asked, status: 'pending' };
}

function summaryOf(row: HistoryRow, odooUrl: string | undefined): CallSummary {
  const over = row.status === 'completed';
  const logStatus: LogStatus = row.log_status === 'posting' ? 'pending' : row.log_status;
  const summary: CallSummary = {
    callSid: row.sid,
    direction: row.direction,
    number: row.other_number,
    startedAt: new Date(row.started_at).toISOString(),
    durationSeconds: over ? row.duration_seconds : null,
    outcome: !over ? null : row.voicemail && row.outcome !== 'answered' ? 'voicemail' : row.outcome,
    record: recordOf(row, odooUrl),
    logStatus,
    ...(logStatus === 'failed' && row.log_error ? { logError: row.log_error } : {}),
    disposition: row.disposition,
    note: row.note,
  };
  const followUp = followUpOf(row, logStatus);
  return followUp ? { ...summary, followUp } : summary;
}

/**
 * The agent's calls, newest first: those they placed or answered, and missed calls from their
 * own leads and contacts.
 */
export async function agentHistory(
  db: D1Database,
  uid: number,
  odooUrl: string | undefined,
): Promise<CallSummary[]> {
  const { results } = await db
    .prepare(
      `${SELECT_HISTORY} WHERE c.agent_uid = ?1 OR (c.agent_uid IS NULL AND c.owner_uid = ?1)
       ORDER BY c.started_at DESC LIMIT ?2`,
    )
    .bind(uid, HISTORY_LIMIT)
    .all<HistoryRow>();
  return results.map((row) => summaryOf(row, odooUrl));
}

export async function callSummary(
  db: D1Database,
  sid: string,
  odooUrl: string | undefined,
): Promise<CallSummary | null> {
  const row = await db.prepare(`${SELECT_HISTORY} WHERE c.sid = ?1`).bind(sid).first<HistoryRow>();
  return row ? summaryOf(row, odooUrl) : null;
}
