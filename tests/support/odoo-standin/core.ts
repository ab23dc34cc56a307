/**
 * The stand-in without a server: data, JSON-RPC engine, failure mode, call log and read helpers.
 * It runs anywhere (Node, workerd), so a worker test can hand the worker `core.fetch` in place of
 * the network and still get Odoo's real answers:
 *
 *   const odoo = new OdooStandinCore();
 *   globalThis.fetch = odoo.fetch;   // answers `<any origin>/jsonrpc` like Odoo 17
 *
 * index.ts adds the HTTP server (a real port) on top of this class.
 *
 * Odoo's login cooldown counts failures per source address: every request through `fetch` comes
 * from FETCH_REMOTE_ADDRESS (the worker's address, in worker tests) unless it carries an
 * `X-Standin-Remote-Addr` header, so a test can show two sources are counted apart.
 */
import { errorPage, type HttpAnswer } from './answers';
import { CallLog, type OdooCall } from './call-log';
import { DEFAULT_DB, SEED, type SeedUser, USERS } from './data';
import { OdooDatabase } from './database';
import { type ActiveFailure, FailureInjector, type FailureMode } from './failures';
import { answerJsonRpc, type JsonRpcRequest } from './jsonrpc';
import { waitForEvent } from './listeners';
import { LoginCooldown, type LoginCooldownState } from './login-cooldown';
import { ModelMethods } from './methods';
import type { OdooRecord } from './orm';
import type { ModelDef, OdooContext, OdooVersion } from './types';

export interface OdooStandinCoreOptions {
  /** `'17.0'` (default) or `'18.3'` (no `mobile` on `crm.lead`). */
  version?: OdooVersion;
  /** Database name clients must send; default `odoo_test`. */
  db?: string;
  /**
   * The stand-in's "now" (timestamps, "today" for activities, the login cooldown); default the
   * real clock. A test that moves it passes Odoo's cooldown minute without waiting.
   */
  clock?: () => Date;
  /** Failed logins from one address before Odoo refuses it (`base.login_cooldown_after`); default 5, 0: never. */
  loginCooldownAfter?: number;
  /** How long, after the last failure, the address is refused (`base.login_cooldown_duration`); default 60 s. */
  loginCooldownSeconds?: number;
}

/** The source address of every request through `core.fetch` that does not say otherwise. */
export const FETCH_REMOTE_ADDRESS = '203.0.113.80';
/** Header a `core.fetch` caller sets to send from another address (the stand-in's own, not Odoo's). */
export const REMOTE_ADDRESS_HEADER = 'X-Standin-Remote-Addr';

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
  /** The worker's service account (`ODOO_LOGIN` / `ODOO_API_KEY`), "Sales / User: All Documents". */
  service: StandinUser;
  /** Mitchell Admin: Sales / Administrator and Administration / Settings. */
  admin: StandinUser;
  /**
   * Salespeople who use the extension: password and API key each. Marc, Camille, Lucas and Sarah
   * are "Sales / User: All Documents"; Hugo is "Own Documents Only" (his leads and unassigned ones).
   */
  agents: Record<'marc' | 'camille' | 'lucas' | 'sarah' | 'hugo', StandinUser>;
  /** An archived user: right password, still refused. */
  archived: StandinUser;
  /** A portal user (`share`, a customer's contact): logs in, but is no employee. */
  portal: StandinUser;
  /** An Internal User outside the sales groups (accounting): no access to leads. */
  accountant: StandinUser;
}

/** A helper was asked for something the stand-in does not have (e.g. an unknown model). */
export class StandinUsageError extends Error {
  override readonly name = 'StandinUsageError';
}

export interface WaitOptions<T> {
  /** Default 5000 ms. */
  timeoutMs?: number;
  match?: (item: T) => boolean;
}

function standinUser(uid: number): StandinUser {
  const user = USERS.find((candidate) => candidate.id === uid);
  if (!user?.apiKey) throw new Error(`data.ts: user ${uid} has no API key`);
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

/** Rejects as soon as `signal` aborts, like fetch does, while `work` carries on. */
function abortable<T>(work: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export class OdooStandinCore {
  readonly version: OdooVersion;
  /** The database name (the worker's `ODOO_DB`). */
  readonly db: string;
  readonly credentials: StandinCredentials;
  /** The in-memory database, for helpers that need more than the read helpers below. */
  readonly database: OdooDatabase;
  readonly failures = new FailureInjector();
  /** Odoo's per-address login cooldown (login-cooldown.ts). */
  readonly cooldown: LoginCooldown;
  private readonly callLog = new CallLog();
  private readonly methods: ModelMethods;

  constructor(options: OdooStandinCoreOptions = {}) {
    this.version = options.version ?? '17.0';
    this.db = options.db ?? DEFAULT_DB;
    const clock = options.clock ?? (() => new Date());
    this.database = new OdooDatabase({ version: this.version, clock });
    this.methods = new ModelMethods(this.database);
    this.cooldown = new LoginCooldown({
      after: options.loginCooldownAfter,
      seconds: options.loginCooldownSeconds,
      clock,
    });
    this.credentials = {
      db: this.db,
      service: standinUser(SEED.users.service),
      admin: standinUser(SEED.users.admin),
      agents: {
        marc: standinUser(SEED.users.marc),
        camille: standinUser(SEED.users.camille),
        lucas: standinUser(SEED.users.lucas),
        sarah: standinUser(SEED.users.sarah),
        hugo: standinUser(SEED.users.hugo),
      },
      archived: standinUser(SEED.users.julien),
      portal: standinUser(SEED.users.addison),
      accountant: standinUser(SEED.users.claire),
    };
  }

  /** Every JSON-RPC call received so far, oldest first (a copy). */
  get calls(): OdooCall[] {
    return this.callLog.list();
  }

  /** Sets the failure mode (replacing any other). Rejects a mode that is not valid. */
  async fail(mode: FailureMode): Promise<ActiveFailure> {
    return this.failures.set(mode);
  }

  /** Clears the failure mode. */
  async recover(): Promise<void> {
    this.failures.clear();
  }

  /** The failure mode in force, or null. */
  failure(): ActiveFailure | null {
    return this.failures.current();
  }

  /** Restores data.ts, clears the call log, the failure mode and the login failures. */
  async reset(): Promise<void> {
    this.database.reset();
    this.callLog.clear();
    this.cooldown.clear();
    await this.recover();
  }

  /** The login cooldown of one source address (default: the one `fetch` requests come from). */
  loginCooldown(address: string = FETCH_REMOTE_ADDRESS): LoginCooldownState {
    return this.cooldown.state(address);
  }

  clearCalls(): void {
    this.callLog.clear();
  }

  /** Records as `read` returns them over RPC (many2one as `[id, name]`). */
  read(model: string, ids: number | number[], fields?: string[], context: OdooContext = {}): OdooRecord[] {
    const definition = this.model(model);
    const orm = this.methods.records;
    const rows = orm.existing(definition, Array.isArray(ids) ? ids : [ids]);
    return orm.read(definition, rows, orm.fieldNames(definition, fields), '_classic_read', context);
  }

  /** `search_read` with the model's default order (archived records left out unless asked). */
  searchRead(model: string, domain: unknown[], fields?: string[], context: OdooContext = {}): OdooRecord[] {
    const definition = this.model(model);
    const orm = this.methods.records;
    const rows = orm.search(definition, domain, {}, context);
    return orm.read(definition, rows, orm.fieldNames(definition, fields), '_classic_read', context);
  }

  /** The chatter of a record, newest first (as Odoo lists it). */
  messagesOn(model: string, resId: number): OdooRecord[] {
    return this.searchRead('mail.message', [
      ['model', '=', model],
      ['res_id', '=', resId],
    ]);
  }

  /** Open activities of a record, soonest deadline first. */
  activitiesOn(model: string, resId: number): OdooRecord[] {
    return this.searchRead('mail.activity', [
      ['res_model', '=', model],
      ['res_id', '=', resId],
    ]);
  }

  /** Resolves with the first call (logged or to come) that matches. */
  waitForCall(predicate: (call: OdooCall) => boolean, { timeoutMs = 5_000 }: { timeoutMs?: number } = {}) {
    return this.callLog.waitFor(predicate, timeoutMs);
  }

  /** Resolves with the first message on the record (existing or to come) that matches. */
  waitForMessage(
    model: string,
    resId: number,
    { timeoutMs = 5_000, match = () => true }: WaitOptions<OdooRecord> = {},
  ) {
    const find = () => this.messagesOn(model, resId).find(match);
    const existing = find();
    if (existing) return Promise.resolve(existing);
    return waitForEvent(
      this.database.changeEvents,
      (change) => (change.model === 'mail.message' ? find() : undefined),
      timeoutMs,
      `No matching message on ${model} ${resId} within ${timeoutMs} ms`,
    );
  }

  /** Answers one request to `/jsonrpc` (both the server and `fetch` go through here). */
  answerJsonRpc(request: JsonRpcRequest): Promise<HttpAnswer> {
    return answerJsonRpc(request, {
      database: this.database,
      methods: this.methods,
      dbName: this.db,
      version: this.version,
      calls: this.callLog,
      failures: this.failures,
      cooldown: this.cooldown,
    });
  }

  /**
   * A `fetch` that answers `<any origin>/jsonrpc` as the server would, without a network: for
   * tests that replace `globalThis.fetch` (the worker's, in workerd). A dropped connection
   * rejects with `TypeError('fetch failed')`, an aborted signal with its reason (the call still
   * runs, as on a real server). Other paths answer 404. Requests come from FETCH_REMOTE_ADDRESS,
   * or from the address in their `X-Standin-Remote-Addr` header.
   */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname !== '/jsonrpc') {
      const page = errorPage(404, 'The requested URL was not found on the server.');
      return new Response(page.body, { status: page.status, headers: { 'Content-Type': page.contentType } });
    }
    const answer = await abortable(
      this.answerJsonRpc({
        contentType: request.headers.get('content-type'),
        body: () => request.text(),
        remoteAddress: request.headers.get(REMOTE_ADDRESS_HEADER) ?? FETCH_REMOTE_ADDRESS,
      }),
      init?.signal ?? request.signal,
    );
    if (answer.kind === 'drop') {
      throw new TypeError('fetch failed', {
        cause: new Error('odoo-standin: connection closed without an answer'),
      });
    }
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'Content-Type': answer.contentType },
    });
  };

  private model(name: string): ModelDef {
    const definition = this.database.model(name);
    if (!definition) throw new StandinUsageError(`odoo-standin has no model ${name}`);
    return definition;
  }
}
