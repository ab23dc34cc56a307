import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/**
 * A tiny stand-in for the worker, for the emulator's own tests: it checks every request's
 * `X-Twilio-Signature` with the `twilio` package (the oracle), keeps what arrived, and answers
 * with the TwiML the test sets per path. Anything unsigned or forged gets 403 and is kept too.
 */

export interface ReceivedRequest {
  path: string;
  url: string;
  method: string;
  params: Record<string, string>;
  signature: string;
  validSignature: boolean;
  at: number;
}

/** Returns TwiML (a string or a `VoiceResponse`) or nothing (→ 204). */
export type TwimlHandler = (params: Record<string, string>) => string | { toString(): string } | undefined;

export interface FakeVoiceApp {
  url: string;
  /** What `path` answers from now on (exact path, e.g. `/twiml/outbound`). */
  on(path: string, handler: TwimlHandler): void;
  requests(path?: string): ReceivedRequest[];
  /** Resolves with the first request to `path` matching `predicate` (already there, or when it arrives). */
  waitForRequest(
    path: string,
    predicate?: (request: ReceivedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedRequest>;
  clear(): void;
  close(): Promise<void>;
}

export async function startFakeVoiceApp(authToken: string): Promise<FakeVoiceApp> {
  const handlers = new Map<string, TwimlHandler>();
  const received: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  let baseUrl = '';

  const server = createServer((request, response) => {
    void readForm(request).then((params) => {
      const url = baseUrl + (request.url ?? '/');
      const parsed = new URL(url);
      const signature = String(request.headers['x-twilio-signature'] ?? '');
      const validSignature = twilio.validateRequest(
        authToken,
        signature,
        url,
        request.method === 'POST' ? params : {},
      );
      const allParams = request.method === 'POST' ? params : Object.fromEntries(parsed.searchParams);
      received.push({
        path: parsed.pathname,
        url,
        method: request.method ?? '',
        params: allParams,
        signature,
        validSignature,
        at: Date.now(),
      });
      for (const wake of waiters) wake();
      if (!validSignature) {
        response.writeHead(403, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'forbidden', message: 'Invalid Twilio signature' } }));
        return;
      }
      const twiml = handlers.get(parsed.pathname)?.(allParams);
      if (twiml === undefined) {
        response.writeHead(204).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/xml' }).end(twiml.toString());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const requests = (path?: string) =>
    received.filter((request) => path === undefined || request.path === path);
  return {
    url: baseUrl,
    on: (path, handler) => handlers.set(path, handler),
    requests,
    waitForRequest: (path, predicate = () => true, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = requests(path).find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No request to ${path} matching ${predicate} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    clear: () => {
      received.length = 0;
      handlers.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf-8')));
}
