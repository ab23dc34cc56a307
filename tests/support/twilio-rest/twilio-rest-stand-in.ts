import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTwilioRestCore, type StandInAccountSeed, type TwilioRestCore, twilioResponse } from './core';

export type { RecordedRequest, StandInAccountSeed } from './core';

/**
 * The Twilio REST stand-in (core.ts) on a local port, for the setup CLI and its `twilio`
 * package. The CLI reaches it through TWILIO_API_BASE_URL (worker/admin/twilio-client.ts), which
 * turns `https://<host>/<path>` into `<baseUrl>/<host>/<path>`.
 */

export interface TwilioRestStandIn
  extends Pick<TwilioRestCore, 'accounts' | 'requests' | 'changingRequests'> {
  /** Put this in TWILIO_API_BASE_URL. */
  baseUrl: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(await response.text());
}

export async function startTwilioRestStandIn(seeds: StandInAccountSeed[]): Promise<TwilioRestStandIn> {
  const core = createTwilioRestCore(seeds);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const [, host = '', ...rest] = url.pathname.split('/');
    const answer = core.answer({
      method: req.method ?? 'GET',
      host,
      path: `/${rest.join('/')}`,
      query: Object.fromEntries(url.searchParams),
      form: Object.fromEntries(new URLSearchParams(await readBody(req))),
      authorization: req.headers.authorization ?? null,
    });
    await send(res, twilioResponse(answer));
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      void send(
        res,
        twilioResponse({ status: 500, body: { code: 20500, message: String(error), status: 500 } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    accounts: core.accounts,
    requests: core.requests,
    changingRequests: core.changingRequests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
