/**
 * The worker's own Odoo user (`ODOO_LOGIN` / `ODOO_API_KEY`): it looks callers up and writes
 * call notes. Its user id is remembered per isolate (a cache, not state: a cold isolate logs in
 * again), which saves a round trip on every note and every inbound call.
 */
import { type Env, ODOO_SERVICE_SETTINGS, readSettings } from '../env';
import { createJsonRpcOdooClient, OdooResponseError } from './client';

/** `execute_kw` as the service account. */
export type OdooCall = (
  model: string,
  method: string,
  args: unknown[],
  kwargs?: Record<string, unknown>,
) => Promise<unknown>;

/** Odoo refused the service account's login or API key: nothing works until an admin fixes it. */
export class ServiceLoginError extends Error {
  override readonly name = 'ServiceLoginError';
}

const uids = new Map<string, Promise<number>>();

export function serviceAccount(env: Env): OdooCall {
  const settings = readSettings(env, ODOO_SERVICE_SETTINGS);
  const client = createJsonRpcOdooClient({ url: settings.ODOO_URL, db: settings.ODOO_DB });
  const key = `${settings.ODOO_URL}|${settings.ODOO_DB}|${settings.ODOO_LOGIN}`;

  const uid = (): Promise<number> => {
    let pending = uids.get(key);
    if (!pending) {
      pending = client.login(settings.ODOO_LOGIN, settings.ODOO_API_KEY).then((found) => {
        if (found === null) {
          throw new ServiceLoginError('Odoo refused the service account: check ODOO_LOGIN and ODOO_API_KEY.');
        }
        return found;
      });
      uids.set(key, pending);
      // A failed login is not remembered: the next call tries again.
      pending.catch(() => uids.delete(key));
    }
    return pending;
  };

  return async (model, method, args, kwargs) => {
    const auth = { uid: await uid(), password: settings.ODOO_API_KEY };
    try {
      return await client.executeKw(auth, model, method, args, kwargs);
    } catch (error) {
      // The key was revoked or the user changed: log in again next time.
      if (error instanceof OdooResponseError && error.exception === 'odoo.exceptions.AccessDenied') {
        uids.delete(key);
      }
      throw error;
    }
  };
}

/** Tests: start from a cold isolate. */
export function forgetServiceLogins(): void {
  uids.clear();
}
