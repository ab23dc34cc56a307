import { Hono } from 'hono/tiny';
import type { HealthResponse } from '../../shared/api';
import type { AppEnv } from '../app-env';
import { missingSettings, REQUIRED_SETTINGS } from '../env';
import { runDeepChecks, settingsVersion } from '../health/deep-checks';
import { describeDeepHealth, MIN_REFRESH_INTERVAL_MS, nextRefreshAt } from '../health/deep-health';
import { claimRefresh, readHealthState, type StoredDeepChecks, saveDeepChecks } from '../health/store';
import { invalidSettings } from '../settings-checks';

const NOT_MIGRATED = {
  name: 'DB',
  reason: 'D1 database not reachable or not migrated: run `wrangler d1 migrations apply DB`',
};

/**
 * `GET /health`: liveness and a configuration check an admin can read: settings that are
 * missing (names only, never values), settings that are set but unusable, whether the D1
 * database is there and migrated, and the last deep check of Twilio and Odoo with its age.
 * Needs no outside call, so monitors may poll it.
 *
 * `GET /health?deep=1` also runs the deep checks when they are due (health/deep-health.ts) and
 * no other refresh was claimed within the minute; otherwise it answers with the stored ones.
 * D1 holds the claim, so without a migrated D1 no deep check runs at all.
 */
export const health = new Hono<AppEnv>().get('/', async (c) => {
  const missing: string[] = missingSettings(c.env, REQUIRED_SETTINGS);
  const invalid: HealthResponse['invalid'] = invalidSettings(c.env);
  let stored: StoredDeepChecks | null = null;
  let migrated = false;
  if (!c.env.DB) missing.push('DB');
  else {
    try {
      stored = await readHealthState(c.env.DB);
      migrated = true;
    } catch {
      invalid.push(NOT_MIGRATED);
    }
  }
  const version = await settingsVersion(c.env);
  const now = Date.now();
  if (migrated && c.req.query('deep') === '1' && nextRefreshAt(stored, version) <= now) {
    if (await claimRefresh(c.env.DB, now, MIN_REFRESH_INTERVAL_MS)) {
      const checks = await runDeepChecks(c.env);
      stored = { refreshStartedAt: now, checkedAt: Date.now(), settingsVersion: version, checks };
      await saveDeepChecks(c.env.DB, stored);
    } else {
      // Another request claimed it a moment ago: say so, rather than nothing, on a first run.
      stored ??= { refreshStartedAt: now, checkedAt: null, settingsVersion: null, checks: [] };
    }
  }
  const body: HealthResponse = { ok: missing.length === 0 && invalid.length === 0, missing, invalid };
  if (stored) {
    body.deep = describeDeepHealth(stored, version, Date.now());
    if (!body.deep.outdated && body.deep.checks.some((check) => check.status === 'problem')) body.ok = false;
  }
  return c.json(body, body.ok ? 200 : 503);
});
