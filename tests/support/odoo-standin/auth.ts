/**
 * Credentials as Odoo 17 checks them on `/jsonrpc`: a login with its password or one of its API
 * keys (`common.login` answers the uid or `false`), and for every `execute_kw` the uid with the
 * password or an API key of that uid (`odoo.exceptions.AccessDenied` otherwise). Archived users
 * cannot do either. Both go through the login cooldown of the request's source address, as
 * `_login` and `check` do with `_assert_can_auth` (login-cooldown.ts). The secrets live in data.ts.
 */

import { USERS } from './data';
import type { OdooDatabase } from './database';
import { PythonException, raise } from './errors';
import type { CooldownMark, LoginCooldown } from './login-cooldown';
import { pythonTypeName } from './python-args';

/** Where an authentication comes from, and who wants to hear what the cooldown made of it. */
export interface AuthOrigin {
  /** The source address Odoo counts failures for. */
  address: string;
  mark?: (what: CooldownMark) => void;
}

function secretsOf(uid: number): string[] {
  const user = USERS.find((candidate) => candidate.id === uid);
  return [user?.password, user?.apiKey].filter((secret): secret is string => typeof secret === 'string');
}

function isActiveUser(database: OdooDatabase, uid: number): boolean {
  return database.get('res.users', uid)?.active === true;
}

/** Python's `not password`: these are refused before the cooldown is even looked at. */
function isEmptySecret(secret: unknown): boolean {
  return secret === '' || secret === null || secret === undefined || secret === false || secret === 0;
}

/** `common.login`/`authenticate`: the uid, or `false` for bad credentials (not an error). */
export function authenticate(
  database: OdooDatabase,
  cooldown: LoginCooldown,
  origin: AuthOrigin,
  login: unknown,
  secret: unknown,
): number | false {
  if (isEmptySecret(secret)) return false;
  try {
    return cooldown.guard(
      origin.address,
      () => {
        // `_login` searches active users only: an archived login is as unknown as a typo.
        const user = database.all('res.users').find((row) => row.login === login && row.active === true);
        if (!user || typeof secret !== 'string' || !secretsOf(user.id).includes(secret)) {
          throw raise.accessDenied();
        }
        return user.id;
      },
      origin.mark,
    );
  } catch (error) {
    // `exp_authenticate` turns every AccessDenied, the cooldown's included, into `false`.
    if (error instanceof PythonException && error.pythonName === 'odoo.exceptions.AccessDenied') return false;
    throw error;
  }
}

/** `odoo.service.model.dispatch`: `int(uid)` then `security.check(db, uid, password)`. */
export function checkCredentials(
  database: OdooDatabase,
  cooldown: LoginCooldown,
  origin: AuthOrigin,
  rawUid: unknown,
  secret: unknown,
): number {
  const uid = pythonInt(rawUid);
  if (isEmptySecret(secret)) throw raise.accessDenied();
  return cooldown.guard(
    origin.address,
    () => {
      if (!isActiveUser(database, uid) || typeof secret !== 'string' || !secretsOf(uid).includes(secret)) {
        throw raise.accessDenied();
      }
      return uid;
    },
    origin.mark,
  );
}

/** Python's `int()` on what JSON can carry. */
function pythonInt(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  if (typeof value === 'string') throw raise.valueError(`invalid literal for int() with base 10: '${value}'`);
  throw raise.typeError(
    `int() argument must be a string, a bytes-like object or a real number, not '${pythonTypeName(value)}'`,
  );
}
