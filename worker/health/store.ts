/**
 * The deep check's one row in D1 (migration 0002): read with the schema probe in one round trip,
 * claimed atomically before a refresh (so concurrent requests anywhere make one refresh at
 * most), written when the refresh is done.
 */
import type { DeepCheck } from '../../shared/api';

export interface StoredDeepChecks {
  /** When the last refresh was claimed (ms since the epoch). */
  refreshStartedAt: number;
  /** When the stored checks finished; null while the first refresh is under way. */
  checkedAt: number | null;
  /** `settingsVersion` of the settings they ran with. */
  settingsVersion: string | null;
  checks: DeepCheck[];
}

/**
 * Every table the routes use, and a column of the latest migration that changed a table: a
 * query over all of them fails until every migration has run.
 */
const SCHEMA_PROBE = `SELECT (SELECT 1 FROM agents LIMIT 1), (SELECT 1 FROM rate_limits LIMIT 1),
  (SELECT 1 FROM calls LIMIT 1), (SELECT 1 FROM call_events LIMIT 1),
  (SELECT caller_name FROM calls LIMIT 1), (SELECT standing_checked_at FROM agents LIMIT 1),
  (SELECT follow_up_state FROM calls LIMIT 1), (SELECT follow_up_date FROM wrap_ups LIMIT 1),
  (SELECT 1 FROM wrap_ups LIMIT 1), (SELECT 1 FROM recordings LIMIT 1), (SELECT 1 FROM caller_lookups LIMIT 1),
  (SELECT 1 FROM sessions LIMIT 1), (SELECT 1 FROM worker_state LIMIT 1)`;

const READ =
  'SELECT refresh_started_at, checked_at, settings_version, checks FROM health_checks WHERE id = 1';

// The WHERE of the upsert is the once-a-minute limit: a row claimed less than a minute ago is
// left alone, and RETURNING then yields nothing.
const CLAIM = `INSERT INTO health_checks (id, refresh_started_at) VALUES (1, ?1)
  ON CONFLICT (id) DO UPDATE SET refresh_started_at = excluded.refresh_started_at
  WHERE health_checks.refresh_started_at <= ?2
  RETURNING id`;

const SAVE = 'UPDATE health_checks SET checked_at = ?1, settings_version = ?2, checks = ?3 WHERE id = 1';

interface Row {
  refresh_started_at: number;
  checked_at: number | null;
  settings_version: string | null;
  checks: string | null;
}

/** The stored deep checks, or null before the first; throws when D1 is not migrated. */
export async function readHealthState(db: D1Database): Promise<StoredDeepChecks | null> {
  const [, read] = await db.batch<Row>([db.prepare(SCHEMA_PROBE), db.prepare(READ)]);
  const row = read?.results[0];
  if (!row) return null;
  return {
    refreshStartedAt: row.refresh_started_at,
    checkedAt: row.checked_at,
    settingsVersion: row.settings_version,
    checks: row.checks ? (JSON.parse(row.checks) as DeepCheck[]) : [],
  };
}

/** True when this request may refresh: no other refresh was claimed within `minIntervalMs`. */
export async function claimRefresh(db: D1Database, now: number, minIntervalMs: number): Promise<boolean> {
  return (
    (await db
      .prepare(CLAIM)
      .bind(now, now - minIntervalMs)
      .first()) !== null
  );
}

export async function saveDeepChecks(db: D1Database, stored: StoredDeepChecks): Promise<void> {
  await db.prepare(SAVE).bind(stored.checkedAt, stored.settingsVersion, JSON.stringify(stored.checks)).run();
}
