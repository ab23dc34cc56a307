import { Hono } from 'hono/tiny';
import type { HealthResponse } from '../../shared/api';
import type { AppEnv } from '../app-env';
import { type Env, missingSettings, REQUIRED_SETTINGS } from '../env';
import { invalidSettings } from '../settings-checks';

/** Every table the routes use: a query over all of them fails until migrations have run. */
const SCHEMA_PROBE = `SELECT (SELECT 1 FROM agents LIMIT 1), (SELECT 1 FROM login_failures LIMIT 1),
  (SELECT 1 FROM calls LIMIT 1), (SELECT 1 FROM call_events LIMIT 1)`;

async function databaseProblem(env: Env): Promise<HealthResponse['invalid']> {
  try {
    await env.DB.prepare(SCHEMA_PROBE).first();
    return [];
  } catch {
    return [
      {
        name: 'DB',
        reason: 'D1 database not reachable or not migrated: run `wrangler d1 migrations apply DB`',
      },
    ];
  }
}

/**
 * `GET /health`: liveness and a configuration check an admin can read: settings that are
 * missing (names only, never values), settings that are set but unusable, and whether the D1
 * database is there and migrated. Needs no outside call, so monitors may poll it.
 */
export const health = new Hono<AppEnv>().get('/', async (c) => {
  const missing: string[] = missingSettings(c.env, REQUIRED_SETTINGS);
  const invalid: HealthResponse['invalid'] = invalidSettings(c.env);
  if (c.env.DB) invalid.push(...(await databaseProblem(c.env)));
  else missing.push('DB');
  const body: HealthResponse = { ok: missing.length === 0 && invalid.length === 0, missing, invalid };
  return c.json(body, body.ok ? 200 : 503);
});
