/**
 * The Odoo stand-in: a local server that answers Odoo 17's `/jsonrpc` for the calls the worker
 * makes, on seeded CRM data (data.ts), with failure injection and a `/__standin/` control API.
 *
 *   const odoo = await startOdooStandin();
 *   // worker settings: ODOO_URL=odoo.url, ODOO_DB=odoo.db,
 *   //   ODOO_LOGIN=odoo.credentials.service.login, ODOO_API_KEY=odoo.credentials.service.apiKey
 *   await odoo.fail({ kind: 'down', forMs: 5_000 });
 *   const note = await odoo.waitForMessage('crm.lead', SEED.leads.officeDesign, { match: (m) => … });
 *   await odoo.close();
 *
 * docs/odoo-standin.md describes the data, the failure modes and the control API.
 */
import { CallLog, type OdooCall } from './call-log';
import { controlRoutes } from './control';
import { DEFAULT_DB, SEED, type SeedUser, USERS } from './data';
import { OdooDatabase } from './database';
import { type ActiveFailure, FailureInjector, type FailureMode } from './failures';
import { jsonRpcRoute } from './jsonrpc';
import { ModelMethods } from './methods';
import type { OdooRecord } from './orm';
import { type FailurePolicy, type RouteHandler, Router } from './router';
import { StandinHttpServer } from './server';
import type { OdooContext, OdooVersion } from './types';

export type { CallOutcome, OdooCall } from './call-log';
export { SEED } from './data';
export type { ActiveFailure, FailureMode } from './failures';
export type { OdooRecord } from './orm';
export type { RouteContext, RouteHandler } from './router';
export type { OdooVersion } from './types';

export interface OdooStandinOptions {
  /** 0 (default): an ephemeral port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** `'17.0'` (default) or `'18.3'` (no `mobile` on `crm.lead`). */
  version?: OdooVersion;
  /** Database name clients must send; default `odoo_test`. */
  db?: string;
  /** The stand-in's "now" (timestamps, "today" for activities); default the real clock. */
  clock?: () => Date;
}

export interface StandinUser {
  uid: number;
  name: string;
  login: string;
  /** `null`: this user cannot log in with a password (the service account). */
  password: string | null;
  apiKey: string;
  partnerId: number;
  lang: SeedUser['lang'];
}

export interface StandinCredentials {
  db: string;
  /** The worker's service account (`ODOO_LOGIN` / `ODOO_API_KEY`). */
  service: StandinUser;
  /** Mitchell Admin. */
  admin: StandinUser;
  /** Salespeople who use the extension: password and API key each. */
  agents: Record<'marc' | 'camille' | 'lucas' | 'sarah', StandinUser>;
  /** An archived user: right password, still refused. */
  archived: StandinUser;
}

export interface WaitOptions<T> {
  /** Default 5000 ms. */
  timeoutMs?: number;
  match?: (item: T) => boolean;
}

export interface OdooStandin {
  /** Base URL, e.g. `http://127.0.0.1:41234` (the worker's `ODOO_URL`). */
  readonly url: string;
  readonly port: number;
  readonly db: string;
  readonly version: OdooVersion;
  readonly credentials: StandinCredentials;
  /** Every JSON-RPC call received so far, oldest first (a copy). */
  readonly calls: OdooCall[];
  /** The in-memory database, for helpers that need more than the read helpers below. */
  readonly database: OdooDatabase;

  /** Sets the failure mode (replacing any other); resolves once it is in force. */
  fail(mode: FailureMode): Promise<ActiveFailure>;
  /** Clears the failure mode; resolves once the port answers again. */
  recover(): Promise<void>;
  /** The failure mode in force, or null. */
  failure(): ActiveFailure | null;
  /** Restores data.ts, clears the call log and the failure mode. */
  reset(): Promise<void>;
  clearCalls(): void;

  /** Records as `read` returns them over RPC (many2one as `[id, name]`). */
  read(model: string, ids: number | number[], fields?: string[], context?: OdooContext): OdooRecord[];
  searchRead(model: string, domain: unknown[], fields?: string[], context?: OdooContext): OdooRecord[];
  /** The chatter of a record, newest first (as Odoo lists it). */
  messagesOn(model: string, resId: number): OdooRecord[];
  /** Open activities of a record, soonest deadline first. */
  activitiesOn(model: string, resId: number): OdooRecord[];
  /** Resolves with the first call (logged or to come) that matches. */
  waitForCall(predicate: (call: OdooCall) => boolean, options?: { timeoutMs?: number }): Promise<OdooCall>;
  /** Resolves with the first message on the record (existing or to come) that matches. */
  waitForMessage(model: string, resId: number, options?: WaitOptions<OdooRecord>): Promise<OdooRecord>;

  /** Adds an HTTP route next to `/jsonrpc` (the local demo's pages). */
  route(method: string, path: string, handler: RouteHandler, failures?: FailurePolicy): void;
  close(): Promise<void>;
}

function standinUser(user: SeedUser): StandinUser {
  if (!user.apiKey) throw new Error(`data.ts: ${user.login} has no API key`);
  return {
    uid: user.id,
    name: user.name,
    login: user.login,
    password: user.password,
    apiKey: user.apiKey,
    partnerId: user.partnerId,
    lang: user.lang,
  };
}

function credentialsFor(db: string): StandinCredentials {
  const user = (uid: number) => standinUser(USERS.find((candidate) => candidate.id === uid)!);
  return {
    db,
    service: user(SEED.users.service),
    admin: user(SEED.users.admin),
    agents: {
      marc: user(SEED.users.marc),
      camille: user(SEED.users.camille),
      lucas: user(SEED.users.lucas),
      sarah: user(SEED.users.sarah),
    },
    archived: user(SEED.users.julien),
  };
}

export async function startOdooStandin(options: OdooStandinOptions = {}): Promise<OdooStandin> {
  const version = options.version ?? '17.0';
  const db = options.db ?? DEFAULT_DB;
  const database = new OdooDatabase({ version, clock: options.clock ?? (() => new Date()) });
  const methods = new ModelMethods(database);
  const calls = new CallLog();
  const failures = new FailureInjector();
  const router = new Router();
  const server = new StandinHttpServer(router, failures);
  const orm = methods.records;

  const model = (name: string) => {
    const definition = database.model(name);
    if (!definition) throw new Error(`odoo-standin has no model ${name}`);
    return definition;
  };
  const searchRead = (name: string, domain: unknown[], fields?: string[], context: OdooContext = {}) => {
    const definition = model(name);
    const rows = orm.search(definition, domain, {}, context);
    return orm.read(definition, rows, orm.fieldNames(definition, fields), '_classic_read', context);
  };
  const messagesOn = (name: string, resId: number) =>
    searchRead('mail.message', [
      ['model', '=', name],
      ['res_id', '=', resId],
    ]);

  const standin: OdooStandin = {
    get url() {
      return `http://${options.host ?? '127.0.0.1'}:${server.port}`;
    },
    get port() {
      return server.port;
    },
    db,
    version,
    credentials: credentialsFor(db),
    get calls() {
      return calls.list();
    },
    database,
    async fail(mode) {
      const active = failures.set(mode);
      await server.settled();
      return active;
    },
    async recover() {
      failures.clear();
      await server.settled();
    },
    failure: () => failures.current(),
    async reset() {
      database.reset();
      calls.clear();
      await standin.recover();
    },
    clearCalls: () => calls.clear(),
    read(name, ids, fields, context = {}) {
      const definition = model(name);
      const rows = orm.existing(definition, Array.isArray(ids) ? ids : [ids]);
      return orm.read(definition, rows, orm.fieldNames(definition, fields), '_classic_read', context);
    },
    searchRead,
    messagesOn,
    activitiesOn: (name, resId) =>
      searchRead('mail.activity', [
        ['res_model', '=', name],
        ['res_id', '=', resId],
      ]),
    waitForCall: (predicate, { timeoutMs = 5_000 } = {}) => calls.waitFor(predicate, timeoutMs),
    waitForMessage(name, resId, { timeoutMs = 5_000, match = () => true } = {}) {
      const find = () => messagesOn(name, resId).find(match);
      const existing = find();
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve, reject) => {
        const stop = database.onChange((change) => {
          if (change.model !== 'mail.message') return;
          const found = find();
          if (!found) return;
          clearTimeout(timer);
          stop();
          resolve(found);
        });
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`No matching message on ${name} ${resId} within ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
    route: (method, path, handler, policy) => {
      router.add(method, path, handler, policy);
    },
    close: () => server.close(),
  };

  router.add(
    '*',
    '/jsonrpc',
    jsonRpcRoute({ database, methods, dbName: db, version, calls, failures }),
    'own',
  );
  controlRoutes(router, standin);
  await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return standin;
}
