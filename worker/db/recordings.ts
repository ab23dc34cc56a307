/** D1 access to `recordings`: what Twilio recorded for a call (a voicemail, a recorded call). */

export interface NewRecording {
  /** RecordingSid */
  sid: string;
  /** The leg Twilio reports it on: the call itself or one of its dialled legs. */
  legSid: string;
  url: string;
  durationSeconds: number | null;
  voicemail: boolean;
}

/**
 * Stores a recording once (Twilio retries callbacks). Returns the call it belongs to when it is
 * new, else null (a retry, or a call the worker does not know).
 */
export async function insertRecording(
  db: D1Database,
  recording: NewRecording,
  now: number,
): Promise<string | null> {
  const row = await db
    .prepare(
      `INSERT INTO recordings (sid, call_sid, url, duration_seconds, voicemail, created_at)
       SELECT ?1, sid, ?3, ?4, ?5, ?6 FROM calls
       WHERE sid = ?2 OR sid = (SELECT parent_sid FROM call_events WHERE call_sid = ?2 LIMIT 1)
       LIMIT 1
       ON CONFLICT (sid) DO NOTHING
       RETURNING call_sid`,
    )
    .bind(
      recording.sid,
      recording.legSid,
      recording.url,
      recording.durationSeconds,
      recording.voicemail ? 1 : 0,
      now,
    )
    .first<{ call_sid: string }>();
  return row?.call_sid ?? null;
}
