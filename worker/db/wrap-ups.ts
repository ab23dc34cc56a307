/**
 * D1 access to `wrap_ups`: the outcome and note an agent gives a call. One wrap-up reaches Odoo
 * per call (issue 12): until the worker has put it in the call's note (or sent it after the note
 * as its one follow-up), a new version replaces the previous one, which is then never sent;
 * once it is in Odoo, a different one is refused (the note is edited in Odoo, where everyone
 * sees the change), and the same one again changes nothing (the extension retrying a save).
 * The call back a wrap-up asks for (issue 13, item 6) is part of it: a different date is a
 * different wrap-up.
 */
import type { Disposition, FollowUpRequest } from '../../shared/api';

export type WrapUpResult =
  /** Stored as the call's wrap-up (the first one, or one that replaces a version not yet sent). */
  | 'saved'
  /** The same as the call's current wrap-up: nothing to do. */
  | 'unchanged'
  /** The call's wrap-up is in Odoo already and this one differs. */
  | 'locked';

const LATEST = '(SELECT MAX(seq) FROM wrap_ups WHERE call_sid = ?1)';

export async function saveWrapUp(
  db: D1Database,
  wrapUp: {
    callSid: string;
    disposition: Disposition;
    note: string;
    agentUid: number;
    followUp?: FollowUpRequest | undefined;
  },
  now: number,
): Promise<WrapUpResult> {
  const followUpDate = wrapUp.followUp?.date ?? null;
  const followUpNote = wrapUp.followUp ? (wrapUp.followUp.note ?? '') : null;
  const [insert, latest] = await db.batch([
    db
      .prepare(
        `INSERT INTO wrap_ups (call_sid, seq, disposition, note, agent_uid, created_at, follow_up_date, follow_up_note)
         SELECT ?1, COALESCE(${LATEST}, 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7
         WHERE NOT EXISTS (SELECT 1 FROM wrap_ups w WHERE w.call_sid = ?1 AND w.seq = ${LATEST}
                             AND w.disposition = ?2 AND w.note = ?3
                             AND w.follow_up_date IS ?6 AND w.follow_up_note IS ?7)
           AND NOT EXISTS (SELECT 1 FROM wrap_ups w WHERE w.call_sid = ?1
                             AND (w.in_note = 1 OR w.message_id IS NOT NULL))`,
      )
      .bind(
        wrapUp.callSid,
        wrapUp.disposition,
        wrapUp.note,
        wrapUp.agentUid,
        now,
        followUpDate,
        followUpNote,
      ),
    db
      .prepare(
        `SELECT disposition, note, follow_up_date, follow_up_note FROM wrap_ups
         WHERE call_sid = ?1 AND seq = ${LATEST}`,
      )
      .bind(wrapUp.callSid),
  ]);
  if ((insert?.meta.changes ?? 0) > 0) return 'saved';
  const current = latest?.results[0] as
    | { disposition: string; note: string; follow_up_date: string | null; follow_up_note: string | null }
    | undefined;
  return current?.disposition === wrapUp.disposition &&
    current.note === wrapUp.note &&
    current.follow_up_date === followUpDate &&
    current.follow_up_note === followUpNote
    ? 'unchanged'
    : 'locked';
}
