/**
 * Recent caller look-ups (E.164 → the record found, or none), so that a caller who calls again
 * within minutes is named without asking Odoo. Read and written by inbound routing only.
 */
import type { RecordMatch } from '../odoo/match';

/** How long a look-up is trusted: short enough that a new lead or a changed salesperson shows soon. */
export const LOOKUP_TTL_MS = 5 * 60_000;

interface LookupRow {
  record_model: RecordMatch['model'] | null;
  record_id: number | null;
  name: string | null;
  caller_name: string | null;
  owner_uid: number | null;
  matched_count: number | null;
}

/** The cached answer: a match, null for "nobody has this number", undefined when not cached. */
export async function cachedLookup(
  db: D1Database,
  number: string,
  now: number,
): Promise<RecordMatch | null | undefined> {
  const row = await db
    .prepare('SELECT * FROM caller_lookups WHERE number = ?1 AND expires_at > ?2')
    .bind(number, now)
    .first<LookupRow>();
  if (!row) return undefined;
  if (!row.record_model || !row.record_id) return null;
  return {
    model: row.record_model,
    id: row.record_id,
    name: row.name ?? '',
    callerName: row.caller_name ?? row.name ?? '',
    ownerUid: row.owner_uid,
    matchedNumber: number,
    matchedCount: row.matched_count,
  };
}

export async function cacheLookup(db: D1Database, number: string, match: RecordMatch | null, now: number) {
  await db
    .prepare(
      `INSERT INTO caller_lookups (number, record_model, record_id, name, caller_name, owner_uid, matched_count, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
       ON CONFLICT (number) DO UPDATE SET record_model = excluded.record_model, record_id = excluded.record_id,
         name = excluded.name, caller_name = excluded.caller_name, owner_uid = excluded.owner_uid, matched_count = excluded.matched_count,
         expires_at = excluded.expires_at`,
    )
    .bind(
      number,
      match?.model ?? null,
      match?.id ?? null,
      match?.name ?? null,
      match?.callerName ?? null,
      match?.ownerUid ?? null,
      match?.matchedCount ?? null,
      now + LOOKUP_TTL_MS,
    )
    .run();
}
