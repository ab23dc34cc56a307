/** D1 access to `wrap_ups`: the outcome and note an agent gave a call, every distinct version. */
import type { Disposition } from '../../shared/api';

/**
 * Adds the wrap-up as the call's latest version, unless it is the same as the latest (the popup
 * saving twice changes nothing). True when it was added.
 */
export async function addWrapUp(
  db: D1Database,
  wrapUp: { callSid: string; disposition: Disposition; note: string; agentUid: number },
  now: number,
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO wrap_ups (call_sid, seq, disposition, note, agent_uid, created_at)
       SELECT ?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM wrap_ups WHERE call_sid = ?1), ?2, ?3, ?4, ?5
       WHERE NOT EXISTS (SELECT 1 FROM wrap_ups w WHERE w.call_sid = ?1 AND w.disposition = ?2 AND w.note = ?3
                         AND w.seq = (SELECT MAX(seq) FROM wrap_ups WHERE call_sid = ?1))`,
    )
    .bind(wrapUp.callSid, wrapUp.disposition, wrapUp.note, wrapUp.agentUid, now)
    .run();
  return result.meta.changes > 0;
}
