/**
 * The Odoo half of the deep `/health` check: the service account logs in (`common.login` with
 * ODOO_LOGIN and ODOO_API_KEY) and makes one cheap read (`crm.lead.search_count`), which proves
 * the database, the key and the right to read leads, and reads nothing a public page should show.
 */
import type { DeepCheck } from '../../shared/api';
import { type Env, ODOO_SERVICE_SETTINGS } from '../env';
import { createJsonRpcOdooClient, OdooResponseError } from '../odoo/client';
import { type Blocker, type Deadline, type Outcome, ok, problem, skipped } from './outcome';

const LOGIN_FAILED = 'not checked: the login failed';

/** The client's errors are written for people and carry no secret; a refusal gets the fix. */
function failure(error: unknown, deadline: Deadline, fix: string): Outcome {
  if (deadline.signal.aborted) {
    return problem(`Odoo did not answer within ${deadline.timeoutMs / 1000} s (timed out); try again later`);
  }
  const message = error instanceof Error ? error.message : 'Odoo failed.';
  return problem(error instanceof OdooResponseError ? `${message} ${fix}` : message);
}

export async function odooChecks(env: Env, blocker: Blocker, deadline: Deadline): Promise<DeepCheck[]> {
  const blocked = blocker(ODOO_SERVICE_SETTINGS);
  const [login, leads]: [Outcome, Outcome] = blocked
    ? [skipped(blocked), skipped(blocked)]
    : await checkServiceUser(env, deadline);
  return [
    { id: 'odoo.login', ...login },
    { id: 'odoo.leads', ...leads },
  ];
}

async function checkServiceUser(env: Env, deadline: Deadline): Promise<[Outcome, Outcome]> {
  const [url, db, user, key] = ODOO_SERVICE_SETTINGS.map((name) => env[name]?.trim() ?? '') as [
    string,
    string,
    string,
    string,
  ];
  const client = createJsonRpcOdooClient({
    url,
    db,
    timeoutMs: deadline.timeoutMs,
    // One deadline for the whole deep check, not a fresh one per call.
    fetch: (input, init) => fetch(input, { ...init, signal: deadline.signal }),
  });
  let uid: number | null;
  try {
    uid = await client.login(user, key);
  } catch (error) {
    return [failure(error, deadline, 'Fix: check ODOO_URL and ODOO_DB.'), skipped(LOGIN_FAILED)];
  }
  if (uid === null) {
    const refused = problem(
      'Odoo refused ODOO_LOGIN + ODOO_API_KEY: no call is logged. Fix: a new API key for that user ' +
        '(Odoo: Preferences → Account Security), then npx wrangler secret put ODOO_API_KEY',
    );
    return [refused, skipped(LOGIN_FAILED)];
  }
  const loggedIn = ok('ODOO_LOGIN + ODOO_API_KEY accepted');
  try {
    await client.executeKw({ uid, password: key }, 'crm.lead', 'search_count', [[]]);
    return [loggedIn, ok('the service user reads leads')];
  } catch (error) {
    return [
      loggedIn,
      failure(error, deadline, 'Fix: give the service user Sales: User: All Documents (CRM installed?).'),
    ];
  }
}
