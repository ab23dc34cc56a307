/**
 * `odoo.http.dispatch_rpc(service, method, args)`: the `common` service (login, authenticate,
 * version), the `object` service (`execute_kw`, `execute`) and the harmless part of `db`.
 * Everything here answers or raises exactly where Odoo 17 does, including for a database name
 * that does not exist (psycopg2 cannot connect to it).
 */
import { type AuthOrigin, authenticate, checkCredentials } from './auth';
import type { OdooDatabase } from './database';
import { PythonException, raise } from './errors';
import type { LoginCooldown } from './login-cooldown';
import type { ModelMethods } from './methods';
import { bindArguments, type PythonSignature, pythonTypeName } from './python-args';
import type { OdooVersion } from './types';

export interface ServiceContext {
  database: OdooDatabase;
  methods: ModelMethods;
  dbName: string;
  version: OdooVersion;
  cooldown: LoginCooldown;
}

export function versionInfo(version: OdooVersion) {
  if (version === '17.0') {
    return {
      server_version: '17.0',
      server_version_info: [17, 0, 0, 'final', 0, ''],
      server_serie: '17.0',
      protocol_version: 1,
    };
  }
  return {
    server_version: 'saas~18.3',
    server_version_info: ['saas~18', 3, 0, 'final', 0, ''],
    server_serie: 'saas~18.3',
    protocol_version: 1,
  };
}

const fn = (qualname: string, ...names: (string | [string, unknown])[]): PythonSignature => ({
  qualname,
  plainFunction: true,
  params: names.map((name) => (Array.isArray(name) ? { name: name[0], default: name[1] } : { name })),
});

const SIGNATURES = {
  login: fn('exp_login', 'db', 'login', 'password'),
  authenticate: fn('exp_authenticate', 'db', 'login', 'password', 'user_agent_env'),
  version: fn('exp_version'),
  about: fn('exp_about', ['extended', false]),
  executeKw: fn('execute_kw', 'db', 'uid', 'obj', 'method', 'args', ['kw', null]),
  dbExist: fn('exp_db_exist', 'db_name'),
};

function checkDatabase(context: ServiceContext, db: unknown): void {
  if (db !== context.dbName) throw raise.unknownDatabase(String(db));
}

function common(context: ServiceContext, method: string, args: unknown[], origin: AuthOrigin): unknown {
  switch (method) {
    case 'login':
    case 'authenticate': {
      const { values } = bindArguments(
        method === 'login' ? SIGNATURES.login : SIGNATURES.authenticate,
        args,
        {},
      );
      checkDatabase(context, values.db);
      return authenticate(context.database, context.cooldown, origin, values.login, values.password);
    }
    case 'version':
      bindArguments(SIGNATURES.version, args, {});
      return versionInfo(context.version);
    case 'about': {
      const { values } = bindArguments(SIGNATURES.about, args, {});
      const info = 'See http://openerp.com';
      return values.extended ? [info, versionInfo(context.version).server_version] : info;
    }
    default:
      throw raise.exception(`Method not found: ${method}`);
  }
}

function object(context: ServiceContext, method: string, params: unknown[], origin: AuthOrigin): unknown {
  if (params.length < 3) throw raise.indexError('list index out of range');
  const [db, rawUid, secret] = params;
  checkDatabase(context, db);
  const uid = checkCredentials(context.database, context.cooldown, origin, rawUid, secret);
  if (method === 'execute_kw') {
    const { values } = bindArguments(SIGNATURES.executeKw, [db, uid, ...params.slice(3)], {});
    const { obj, method: modelMethod, args, kw } = values;
    if (!Array.isArray(args)) {
      throw raise.typeError(
        `odoo.service.model.execute() argument after * must be an iterable, not ${pythonTypeName(args)}`,
      );
    }
    if (kw !== null && kw !== undefined && (typeof kw !== 'object' || Array.isArray(kw))) {
      throw raise.typeError(
        `odoo.service.model.execute() argument after ** must be a mapping, not ${pythonTypeName(kw)}`,
      );
    }
    return context.methods.call(uid, obj, modelMethod, args, (kw ?? {}) as Record<string, unknown>);
  }
  if (method === 'execute') {
    if (params.length < 5) {
      throw raise.typeError(`execute() missing ${5 - params.length} required positional argument(s)`);
    }
    return context.methods.call(uid, params[3], params[4], params.slice(5), {});
  }
  throw new PythonException('builtins.NameError', `Method not available ${method}`);
}

function db(context: ServiceContext, method: string, args: unknown[]): unknown {
  switch (method) {
    case 'list':
      return [context.dbName];
    case 'db_exist':
      return bindArguments(SIGNATURES.dbExist, args, {}).values.db_name === context.dbName;
    case 'server_version':
      return versionInfo(context.version).server_version;
    case 'list_lang':
      return [
        ['en_US', 'English (US)'],
        ['fr_FR', 'French / Français'],
      ];
    default:
      throw new PythonException('builtins.KeyError', `'Method not found: ${method}'`, [
        `Method not found: ${method}`,
      ]);
  }
}

/** `origin`: the request's source address, for the login cooldown. */
export function dispatchRpc(
  context: ServiceContext,
  service: unknown,
  method: unknown,
  args: unknown,
  origin: AuthOrigin,
): unknown {
  if (!Array.isArray(args)) {
    throw raise.typeError(`dispatch() argument after * must be an iterable, not ${pythonTypeName(args)}`);
  }
  const name = String(method);
  switch (service) {
    case 'common':
      return common(context, name, args, origin);
    case 'object':
      return object(context, name, args, origin);
    case 'db':
      return db(context, name, args);
    default:
      throw raise.keyError(String(service));
  }
}
