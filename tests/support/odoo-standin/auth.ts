/**
 * Credentials as Odoo 17 checks them on `/jsonrpc`: a login with its password or one of its API
 * keys (`common.login` answers the uid or `false`), and for every `execute_kw` the uid with the
 * password or an API key of that uid (`odoo.exceptions.AccessDenied` otherwise). Archived users
 * cannot do either. The secrets live in data.ts.
 */

import { USERS } from './data';
import type { OdooDatabase } from './database';
import { raise } from './errors';
import { pythonTypeName } from './python-args';

function secretsOf(uid: number): string[] {
  const user = USERS.find((candidate) => candidate.id === uid);
  return [user?.password, user?.apiKey].filter((secret): secret is string => typeof secret === 'string');
}

function isActiveUser(database: OdooDatabase, uid: number): boolean {
  return database.get('res.users', uid)?.active === true;
}

/** `common.login`/`authenticate`: the uid, or `false` for bad credentials (not an error). */
export function authenticate(database: OdooDatabase, login: unknown, secret: unknown): number | false {
  if (typeof login !== 'string' || typeof secret !== 'string' || secret === '') return false;
  const user = database.all('res.users').find((row) => row.login === login && row.active === true);
  if (!user) return false;
  return secretsOf(user.id).includes(secret) ? user.id : false;
}

/** `odoo.service.model.dispatch`: `int(uid)` then `security.check(db, uid, password)`. */
export function checkCredentials(database: OdooDatabase, rawUid: unknown, secret: unknown): number {
  const uid = pythonInt(rawUid);
  if (!isActiveUser(database, uid) || typeof secret !== 'string' || !secretsOf(uid).includes(secret)) {
    throw raise.accessDenied();
  }
  return uid;
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
