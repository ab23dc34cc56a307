import type { DeepCheckId, DeepHealth } from '../../shared/api';
import { EXIT } from './admin-error';
import { type CheckRow, fine, notChecked, toFix } from './check-row';
import { fetchHealth, type HealthResult, settingsProblems } from './worker-health';

/**
 * The worker's rows of `npm run setup -- --check`: its `/health` (settings, D1), then one row per
 * check the worker made of Twilio and Odoo with its own settings (`GET /health?deep=1`). Those
 * can differ from what the CLI sees with the admin's credentials: a stale secret in the worker,
 * an Odoo key that was revoked.
 *
 * The worker runs its deep checks at most once a minute. When it answers with results that
 * cannot be trusted for this run (found problems a while ago, taken with older settings, or a
 * first run still under way), the check waits for the next allowed refresh, once, and asks again.
 */

const LABELS: Record<DeepCheckId, string> = {
  'twilio.auth_token': 'Worker: Twilio auth token',
  'twilio.api_key': 'Worker: API key',
  'twilio.api_key_secret': 'Worker: API key secret',
  'twilio.twiml_app': 'Worker: TwiML App',
  'twilio.caller_id': 'Worker: caller id',
  'odoo.login': 'Worker: Odoo login',
  'odoo.leads': 'Worker: Odoo leads',
};

/** Longer than the worker's once-a-minute limit, so one wait is always enough. */
const MAX_WAIT_MS = 65_000;
/** Results this old or older were not made for this request. */
const FRESH_SECONDS = 2;

export interface WorkerCheckOptions {
  progress(line: string): void;
  sleep?: (ms: number) => Promise<void>;
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * How long to wait before asking again, or null when the answer can be used as it is. Counted
 * on the worker's clock (its `checkedAt` + `ageSeconds` is its "now"), not this machine's.
 */
function waitBeforeAskingAgain(deep: DeepHealth): number | null {
  if (deep.checkedAt === null) return 3_000; // someone else's first run: its results come in seconds
  const stale = deep.outdated || (deep.ageSeconds ?? 0) >= FRESH_SECONDS;
  if (!stale || !(deep.outdated || deep.checks.some((check) => check.status === 'problem'))) return null;
  const workerNow = Date.parse(deep.checkedAt) + (deep.ageSeconds ?? 0) * 1000;
  const wait = Date.parse(deep.nextRefreshAt) - workerNow + 1_000;
  return wait <= MAX_WAIT_MS ? Math.max(wait, 0) : null;
}

async function askWorker(deepUrl: string, options: WorkerCheckOptions): Promise<HealthResult> {
  const first = await fetchHealth(deepUrl);
  const deep = first.reachable ? first.health?.deep : undefined;
  const wait = deep ? waitBeforeAskingAgain(deep) : null;
  if (wait === null) return first;
  options.progress(
    `The worker checks Twilio and Odoo at most once a minute; its last results are not current: ` +
      `waiting ${Math.ceil(wait / 1000)} s for a new check…`,
  );
  await (options.sleep ?? timer)(wait);
  return fetchHealth(deepUrl);
}

function deepRows(deep: DeepHealth | undefined): CheckRow[] {
  const what = 'Worker: Twilio and Odoo';
  if (!deep)
    return [notChecked(what, 'this worker does not check them itself: update it with npm run deploy')];
  if (deep.checkedAt === null) {
    return [notChecked(what, "the worker's first check is still running: run --check again in a moment")];
  }
  return deep.checks.map((check) => {
    const label = LABELS[check.id] ?? `Worker: ${check.id}`;
    if (check.status === 'skipped') return notChecked(label, check.detail);
    return check.status === 'ok' ? fine(label, check.detail) : toFix(label, check.detail);
  });
}

export async function checkWorker(healthUrl: string, options: WorkerCheckOptions): Promise<CheckRow[]> {
  const what = 'Worker /health';
  const result = await askWorker(`${healthUrl}?deep=1`, options);
  if (!result.reachable) {
    return [
      toFix(
        what,
        `${healthUrl} unreachable (${result.reason}): deploy with npm run deploy`,
        EXIT.workerUnreachable,
      ),
    ];
  }
  const { health } = result;
  if (!health) {
    return [
      toFix(what, `${healthUrl}: HTTP ${result.status}, not the worker's health answer (is the URL right?)`),
    ];
  }
  const problems = settingsProblems(health);
  const age = health.deep?.ageSeconds;
  const settingsRow =
    problems.length === 0
      ? fine(what, `${healthUrl}: settings ok${age == null ? '' : `; Twilio and Odoo checked ${age} s ago`}`)
      : toFix(what, `${healthUrl}: ${problems.join('; ')}`);
  return [settingsRow, ...deepRows(health.deep)];
}
