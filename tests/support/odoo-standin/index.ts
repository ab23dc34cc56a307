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
 * Without a port (inside workerd): `new OdooStandinCore()` and its `fetch` (core.ts).
 * docs/odoo-standin.md describes the data, the failure modes and the control API.
 */
import { controlRoutes } from './control';
import { OdooStandinCore, type OdooStandinCoreOptions } from './core';
import type { ActiveFailure, FailureMode } from './failures';
import { send } from './http';
import { type FailurePolicy, type RouteHandler, Router } from './router';
import { StandinHttpServer } from './server';

export type { CallOutcome, OdooCall } from './call-log';
export {
  FETCH_REMOTE_ADDRESS,
  OdooStandinCore,
  type OdooStandinCoreOptions,
  REMOTE_ADDRESS_HEADER,
  type StandinCredentials,
  type StandinUser,
  type WaitOptions,
} from './core';
export { SEED } from './data';
export type { ActiveFailure, FailureMode } from './failures';
export { COOLDOWN_MESSAGE, type LoginCooldownState } from './login-cooldown';
export type { OdooRecord } from './orm';
export type { FailurePolicy, RouteContext, RouteHandler } from './router';
export type { OdooVersion } from './types';

export interface OdooStandinOptions extends OdooStandinCoreOptions {
  /** 0 (default): an ephemeral port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

export class OdooStandin extends OdooStandinCore {
  private readonly router = new Router();
  private readonly server: StandinHttpServer;
  private readonly host: string;

  constructor(options: OdooStandinOptions = {}) {
    super(options);
    this.host = options.host ?? '127.0.0.1';
    this.server = new StandinHttpServer(this.router, this.failures);
    this.router.add(
      '*',
      '/jsonrpc',
      async ({ req, res, body }) => {
        send(
          res,
          await this.answerJsonRpc({
            contentType: req.headers['content-type'] ?? null,
            body,
            // The socket's address, as Odoo without proxy mode sees it.
            remoteAddress: req.socket.remoteAddress ?? '',
          }),
        );
      },
      'own',
    );
    controlRoutes(this.router, this);
  }

  /** Base URL, e.g. `http://127.0.0.1:41234` (the worker's `ODOO_URL`). */
  get url(): string {
    return `http://${this.host}:${this.server.port}`;
  }

  get port(): number {
    return this.server.port;
  }

  async listen(port = 0): Promise<this> {
    await this.server.listen(port, this.host);
    return this;
  }

  /** Sets the failure mode; resolves once it is in force (the port closed for `refuse`). */
  override async fail(mode: FailureMode): Promise<ActiveFailure> {
    const active = await super.fail(mode);
    await this.server.settled();
    return active;
  }

  /** Clears the failure mode; resolves once the port answers again. */
  override async recover(): Promise<void> {
    await super.recover();
    await this.server.settled();
  }

  /** Adds an HTTP route next to `/jsonrpc` (the local demo's pages). */
  route(method: string, path: string, handler: RouteHandler, failures?: FailurePolicy): void {
    this.router.add(method, path, handler, failures);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

/** Starts a stand-in on `options.port` (default: an ephemeral port). */
export function startOdooStandin(options: OdooStandinOptions = {}): Promise<OdooStandin> {
  return new OdooStandin(options).listen(options.port ?? 0);
}
