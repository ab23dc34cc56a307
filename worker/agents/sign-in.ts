/**
 * What Odoo says of a sign-in (issue 12), in the order that protects Odoo's own lockout:
 * 1. the service account looks the login up: one that cannot exist (no active user has it) is
 *    refused here, and its password never reaches Odoo, whose per-address count of failed
 *    logins would otherwise climb towards the cooldown that stops the service account too;
 * 2. Odoo checks the password (or API key) with `common.login`;
 * 3. `false` is a wrong password *or* Odoo's cooldown (it answers every login `false` then): a
 *    service-account login tells them apart, and when it succeeds it also clears Odoo's count of
 *    failures for the worker's address, so no agent's typo brings the cooldown nearer;
 * 4. the user must be an internal user in AGENT_GROUP (odoo/agent-standing.ts, asked as them):
 *    told so only once the password was right, so the answer says nothing to someone guessing;
 * 5. the user's profile is read with their own credentials.
 */
import { isCooldownMessage, noteOdooCooldown } from '../db/odoo-cooldown';
import { type Env, ODOO_SERVICE_SETTINGS, readSettings } from '../env';
import { agentGroup, loginExists, readStanding, type Standing } from '../odoo/agent-standing';
import { createJsonRpcOdooClient, OdooResponseError } from '../odoo/client';
import { type OdooCall, serviceAccount } from '../odoo/service-account';
import { type OdooUserProfile, readUserProfile } from '../odoo/users';

export type SignInOutcome =
  | { kind: 'signed_in'; uid: number; profile: OdooUserProfile }
  /** Wrong login, password or API key. */
  | { kind: 'refused' }
  /** The password was right, but the user may not be an agent. */
  | { kind: 'not_allowed'; standing: Exclude<Standing, 'ok'> }
  /** Odoo refuses every login from the worker's address for a while: nobody's fault here. */
  | { kind: 'cooldown' };

const isCooldown = (error: unknown): boolean =>
  error instanceof OdooResponseError &&
  error.exception === 'odoo.exceptions.AccessDenied' &&
  isCooldownMessage(error.message);

/** Whether the service account can log in right now (a fresh `common.login`, never a cached uid). */
async function serviceCanLogIn(env: Env): Promise<boolean> {
  const settings = readSettings(env, ODOO_SERVICE_SETTINGS);
  const odoo = createJsonRpcOdooClient({ url: settings.ODOO_URL, db: settings.ODOO_DB });
  return (await odoo.login(settings.ODOO_LOGIN, settings.ODOO_API_KEY)) !== null;
}

/**
 * Throws what Odoo failing to answer throws (OdooUnreachableError, OdooResponseError,
 * ServiceLoginError): the route says so, and the attempt is not held against anyone.
 */
export async function signInWithOdoo(
  env: Env,
  login: string,
  password: string,
  now: number,
): Promise<SignInOutcome> {
  const { ODOO_URL, ODOO_DB } = readSettings(env, ODOO_SERVICE_SETTINGS);
  const service = serviceAccount(env);
  try {
    if (!(await loginExists(service, login))) return { kind: 'refused' };
  } catch (error) {
    if (!isCooldown(error)) throw error;
    await noteOdooCooldown(env.DB, now);
    return { kind: 'cooldown' };
  }

  const odoo = createJsonRpcOdooClient({ url: ODOO_URL, db: ODOO_DB });
  const uid = await odoo.login(login, password);
  if (uid === null) {
    // The service account answered a moment ago (the look-up above), so a refusal of its login
    // now is Odoo's cooldown, not its key.
    if (await serviceCanLogIn(env)) return { kind: 'refused' };
    await noteOdooCooldown(env.DB, now);
    return { kind: 'cooldown' };
  }

  const asAgent: OdooCall = (model, method, args, kwargs) =>
    odoo.executeKw({ uid, password }, model, method, args, kwargs);
  const standing = await readStanding(asAgent, uid, agentGroup(env));
  if (standing !== 'ok') return { kind: 'not_allowed', standing };
  return { kind: 'signed_in', uid, profile: await readUserProfile(odoo, { uid, password }) };
}
