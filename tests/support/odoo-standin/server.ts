/**
 * The stand-in's `node:http` server: routes requests, applies the failure mode to routes that do
 * not apply it themselves, and implements `down` with `how: 'refuse'` by closing the listening
 * socket (clients get "connection refused") and listening again on the same port on recovery.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorPage, sleep } from './answers';
import type { ActiveFailure, FailureInjector } from './failures';
import { readBody, send } from './http';
import type { Router } from './router';

export class StandinHttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private host = '127.0.0.1';
  private boundPort = 0;
  private refusing = false;
  /** Serialises closing and re-opening the port when the failure mode changes. */
  private transition: Promise<void> = Promise.resolve();

  constructor(
    private readonly router: Router,
    private readonly failures: FailureInjector,
  ) {
    this.server = createServer((req, res) => {
      this.onRequest(req, res).catch((error: unknown) => {
        console.error('odoo-standin: request failed', error);
        if (!res.headersSent) send(res, errorPage(500));
        else res.destroy();
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    failures.onChange((failure) => this.onFailureChange(failure));
  }

  get port(): number {
    return this.boundPort;
  }

  async listen(port: number, host: string): Promise<void> {
    this.host = host;
    await this.bind(port);
  }

  /** Resolves once the port is in the state the failure mode asks for. */
  settled(): Promise<void> {
    return this.transition;
  }

  async close(): Promise<void> {
    await this.transition;
    for (const socket of this.sockets) socket.destroy();
    if (!this.server.listening) return;
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private bind(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, this.host, () => {
        this.server.off('error', onError);
        this.boundPort = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private onFailureChange(failure: ActiveFailure | null): void {
    const refuse = failure?.mode.kind === 'down' && failure.mode.how === 'refuse';
    if (refuse === this.refusing) return;
    this.refusing = refuse;
    this.transition = this.transition.then(async () => {
      if (refuse) {
        // Stop accepting; idle keep-alive connections go too, busy ones are dropped on their
        // next request (onRequest), so nothing but the control API gets through.
        this.server.close();
        this.server.closeIdleConnections();
      } else if (!this.server.listening) {
        await this.bind(this.boundPort);
      }
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? this.host}`);
    const match = this.router.match(req.method ?? 'GET', url.pathname);
    const policy = match.kind === 'found' ? match.failures : 'generic';
    if (this.refusing && policy !== 'exempt') {
      send(res, { kind: 'drop' });
      return;
    }
    if (policy === 'generic') {
      const failure = this.failures.take(null, ['down', 'slow', 'http-error']);
      if (failure?.kind === 'down') {
        send(res, { kind: 'drop' });
        return;
      }
      if (failure?.kind === 'http-error') {
        send(res, errorPage(failure.status));
        return;
      }
      if (failure?.kind === 'slow') await sleep(failure.delayMs);
    }
    if (match.kind === 'not-found') {
      send(res, errorPage(404, 'The requested URL was not found on the server.'));
      return;
    }
    if (match.kind === 'method-not-allowed') {
      res.setHeader('Allow', match.allowed.join(', '));
      send(res, errorPage(405, 'The method is not allowed for the requested URL.'));
      return;
    }
    let body: Promise<string> | undefined;
    await match.handler({ req, res, url, body: () => (body ??= readBody(req)) });
  }
}
