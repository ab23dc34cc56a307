/**
 * One run of the deep checks: Twilio and Odoo side by side under one time limit, so a slow or
 * silent service gives "timed out" rows instead of a hung `/health`; then one log line.
 */
import type { DeepCheck } from '../../shared/api';
import { type Env, missingSettings, REQUIRED_SETTINGS } from '../env';
import { writeLog } from '../log';
import { invalidSettings } from '../settings-checks';
import { odooChecks } from './odoo-checks';
import type { Blocker } from './outcome';
import { twilioChecks } from './twilio-checks';

/** The whole run's time limit: below the 10 s that `npm run setup -- --check` waits for /health. */
export const DEEP_CHECK_TIMEOUT_MS = 5_000;

/**
 * A short hash of the required settings' values (the deep checks read only those): stored with
 * the results, it tells when they describe settings that have changed since (e.g. after
 * `wrangler secret put`). A hash, so D1 holds no copy of a secret; 64 bits of SHA-256 over
 * high-entropy secrets cannot be turned back.
 */
export async function settingsVersion(env: Env): Promise<string> {
  const values = JSON.stringify(REQUIRED_SETTINGS.map((name) => env[name]?.trim() ?? null));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(values));
  return [...new Uint8Array(digest, 0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A check needing a setting that `/health` already reports as missing or invalid is skipped. */
function blockerFor(env: Env): Blocker {
  const unusable = new Map<string, string>([
    ...missingSettings(env, REQUIRED_SETTINGS).map((name) => [name, 'missing'] as const),
    ...invalidSettings(env).map(({ name }) => [name, 'invalid'] as const),
  ]);
  return (names) => {
    const name = names.find((candidate) => unusable.has(candidate));
    return name ? `not checked: ${name} is ${unusable.get(name)}` : null;
  };
}

export async function runDeepChecks(
  env: Env,
  { timeoutMs = DEEP_CHECK_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<DeepCheck[]> {
  const startedAt = Date.now();
  const blocker = blockerFor(env);
  const deadline = { signal: AbortSignal.timeout(timeoutMs), timeoutMs };
  const checks = (
    await Promise.all([twilioChecks(env, blocker, deadline), odooChecks(env, blocker, deadline)])
  ).flat();
  const problems = checks.filter((check) => check.status === 'problem');
  // One line per run: each check's status as a field (filterable in Workers Logs), the problems'
  // texts in one more. Those texts never hold a secret or a whole number (outcome.ts).
  writeLog(problems.length > 0 ? 'warn' : 'info', 'health_check', {
    ms: Date.now() - startedAt,
    ...Object.fromEntries(checks.map((check) => [check.id, check.status])),
    problems: problems.map((check) => `${check.id}: ${check.detail}`).join(' | ') || undefined,
  });
  return checks;
}
