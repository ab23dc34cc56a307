/**
 * Exceptions as Odoo 17 reports them over JSON-RPC. Odoo serialises any Python exception raised
 * while serving `/jsonrpc` into the `error.data` object (odoo/http.py `serialize_exception`):
 * `name` is `module.ClassName` (`odoo.exceptions.AccessError`, `builtins.ValueError`,
 * `psycopg2.OperationalError`), `message` is `str(exception)`, `arguments` is `exception.args`.
 * The stand-in throws these and the JSON-RPC layer turns them into the same envelope.
 */

export const ODOO_EXCEPTIONS = [
  'AccessDenied',
  'AccessError',
  'MissingError',
  'UserError',
  'ValidationError',
] as const;
export type OdooExceptionName = (typeof ODOO_EXCEPTIONS)[number];

/** The `error.data` object of an Odoo JSON-RPC error. */
export interface OdooErrorData {
  name: string;
  debug: string;
  message: string;
  arguments: unknown[];
  context: Record<string, unknown>;
}

/** The `error` member of an Odoo JSON-RPC answer (`code` 200, HTTP 200). */
export interface OdooRpcErrorObject {
  code: number;
  message: string;
  data: OdooErrorData;
}

export class PythonException extends Error {
  /** Fully qualified Python class name, as in `error.data.name`. */
  readonly pythonName: string;
  readonly args: unknown[];

  constructor(pythonName: string, message: string, args: unknown[] = [message]) {
    super(message);
    this.name = 'PythonException';
    this.pythonName = pythonName;
    this.args = args;
  }
}

const odoo = (name: OdooExceptionName) => (message: string) =>
  new PythonException(`odoo.exceptions.${name}`, message);
const builtin = (name: string) => (message: string) => new PythonException(`builtins.${name}`, message);

export const raise = {
  /**
   * Wrong login, password/API key or uid (`res.users.check`, `authenticate`), or, with a message,
   * the login cooldown's refusal.
   */
  accessDenied: (message = 'Access Denied') => new PythonException('odoo.exceptions.AccessDenied', message),
  accessError: odoo('AccessError'),
  missingError: odoo('MissingError'),
  userError: odoo('UserError'),
  validationError: odoo('ValidationError'),
  valueError: builtin('ValueError'),
  assertionError: builtin('AssertionError'),
  typeError: builtin('TypeError'),
  attributeError: builtin('AttributeError'),
  indexError: builtin('IndexError'),
  /** `KeyError('x')`: Python shows the key in quotes. */
  keyError: (key: string) => new PythonException('builtins.KeyError', `'${key}'`, [key]),
  exception: builtin('Exception'),
  notImplemented: builtin('NotImplementedError'),
  /** A database that does not exist: Odoo fails to open a cursor on it. */
  unknownDatabase: (db: string) =>
    new PythonException(
      'psycopg2.OperationalError',
      `connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "${db}" does not exist\n`,
    ),
} as const;

/** Builds one of the five Odoo exceptions by name (failure injection, control API). */
export function odooException(name: OdooExceptionName, message?: string): PythonException {
  if (name === 'AccessDenied') return raise.accessDenied();
  return new PythonException(`odoo.exceptions.${name}`, message ?? DEFAULT_MESSAGES[name]);
}

const DEFAULT_MESSAGES: Record<Exclude<OdooExceptionName, 'AccessDenied'>, string> = {
  AccessError:
    "You are not allowed to access 'Lead/Opportunity' (crm.lead) records.\n\n" +
    'This operation is allowed for the following groups:\n\t- Sales/User: Own Documents Only\n\n' +
    'Contact your administrator to request access if necessary.',
  MissingError: 'Record does not exist or has been deleted.\n(Record: crm.lead(0,), User: 2)',
  UserError: 'The operation cannot be completed.',
  ValidationError: 'The operation cannot be completed: a mandatory field is not set.',
};

/**
 * A short Python-looking traceback: Odoo puts the real one in `debug`. Clients must not parse it;
 * it only has to look like what they would log.
 */
function traceback(exception: PythonException): string {
  return [
    'Traceback (most recent call last):',
    '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 1779, in _serve_db',
    '    return service_model.retrying(self._serve_ir_http, self.env)',
    '  File "/usr/lib/python3/dist-packages/odoo/service/model.py", line 133, in retrying',
    '    result = func()',
    '  File "odoo-standin", line 1, in <module>',
    `${exception.pythonName}: ${exception.message}`,
    '',
  ].join('\n');
}

export function toErrorObject(exception: PythonException): OdooRpcErrorObject {
  return {
    code: 200,
    message: 'Odoo Server Error',
    data: {
      name: exception.pythonName,
      debug: traceback(exception),
      message: exception.message,
      arguments: exception.args,
      context: {},
    },
  };
}
