import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXTENSION_ORIGIN } from '../../../shared/extension-id.ts';
import { type OdooStandin, startOdooStandin } from '../../support/odoo-standin/index.ts';
import {
  type MediaStats,
  startTwilioEmulator,
  type TwilioEmulator,
  type TwilioEmulatorOptions,
} from '../../support/twilio-emulator/index.ts';
import { startWranglerDev, type WranglerDev } from '../../support/wrangler-dev.ts';

/**
 * The whole local stack the extension talks to in end-to-end tests and benchmarks: the worker
 * under `wrangler dev`, the Twilio voice emulator and the Odoo stand-in, set up so the three
 * agree (same Twilio account and keys, the emulator's webhooks signed for the worker's public
 * URL, the worker pointing the Device at the emulator's signaling host).
 *
 *   const stack = await startLocalStack();
 *   // extension: Worker URL = stack.workerUrl, Odoo URL = stack.odoo.url, sign in as stack.agent
 *   await stack.close();
 */

const ZEROS = '0'.repeat(32);

/** Test account values: all-zero SIDs and made-up secrets, never a real account. */
export const STACK_TWILIO = {
  accountSid: `AC${ZEROS}`,
  authToken: 'local-stack-auth-token',
  apiKeySid: `SK${ZEROS}`,
  apiKeySecret: 'local-stack-api-key-secret',
  twimlAppSid: `AP${ZEROS}`,
  /** The company's number: caller ID of outgoing calls, and the number the PSTN calls in on. */
  callerId: '+33100000000',
} as const;

export interface StackAgent {
  uid: number;
  name: string;
  login: string;
  password: string;
  /** The Twilio client identity the worker gives this agent: `odoo_<uid>`. */
  identity: string;
}

/** What the emulator's far end measured on a call (zeros before media starts). */
export function farEnd(emulator: TwilioEmulator, callSid: string): MediaStats {
  return (
    emulator.call(callSid)?.media ?? {
      codec: undefined,
      packetsReceived: 0,
      packetsSent: 0,
      audioLevel: 0,
      connectionState: 'new',
    }
  );
}

export interface LocalStack {
  /** What the extension and Twilio call: the worker's public URL (`PUBLIC_URL`). */
  workerUrl: string;
  worker: WranglerDev;
  emulator: TwilioEmulator;
  odoo: OdooStandin;
  /** A salesperson who signs in through the options page. */
  agent: StackAgent;
  close(): Promise<void>;
}

export interface LocalStackOptions {
  /** The worker's `TOKEN_TTL_SECONDS` (15 at least): short-lived tokens for refresh tests. */
  tokenTtlSeconds?: number;
  /** Extra emulator options (time scale, log…). */
  emulator?: Partial<TwilioEmulatorOptions>;
  /** Countries outbound calls may reach (the worker's `DIAL_ALLOWED_COUNTRIES`). */
  dialAllowedCountries?: string;
}

/**
 * A fixed public address in front of the worker, as Cloudflare's edge is in production. The
 * emulator must know where to post before the worker runs (its voice URLs), and the worker must
 * know its public URL before it starts (signatures are checked against it), while
 * `startWranglerDev` picks its own port: the forwarder's port comes first, then both start.
 */
async function startForwarder(): Promise<{
  url: string;
  forwardTo(url: string): void;
  close(): Promise<void>;
}> {
  let target: URL | null = null;
  const server: Server = createServer((incoming, outgoing) => {
    if (!target) {
      outgoing.writeHead(503).end();
      return;
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwardTo(url) {
      target = new URL(url);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const odoo = await startOdooStandin();
    cleanups.push(() => odoo.close());
    const forwarder = await startForwarder();
    cleanups.push(() => forwarder.close());
    const publicUrl = forwarder.url;

    const emulator = await startTwilioEmulator({
      accountSid: STACK_TWILIO.accountSid,
      authToken: STACK_TWILIO.authToken,
      apiKeySid: STACK_TWILIO.apiKeySid,
      apiKeySecret: STACK_TWILIO.apiKeySecret,
      twimlApp: {
        sid: STACK_TWILIO.twimlAppSid,
        voiceUrl: `${publicUrl}/twiml/outbound`,
        statusCallback: `${publicUrl}/webhooks/call-status`,
      },
      numbers: [
        {
          phoneNumber: STACK_TWILIO.callerId,
          voiceUrl: `${publicUrl}/twiml/inbound`,
          statusCallback: `${publicUrl}/webhooks/call-status`,
        },
      ],
      // Chromium's fake microphone beeps about once a second: measure over a whole second.
      levelWindowMs: 1000,
      ...(process.env.EMULATOR_LOG ? { log: (line: string) => console.log(line) } : {}),
      ...options.emulator,
    });
    cleanups.push(() => emulator.close());

    const { service } = odoo.credentials;
    const worker = await startWranglerDev({
      vars: {
        TWILIO_ACCOUNT_SID: STACK_TWILIO.accountSid,
        TWILIO_API_KEY_SID: STACK_TWILIO.apiKeySid,
        TWILIO_API_KEY_SECRET: STACK_TWILIO.apiKeySecret,
        TWILIO_AUTH_TOKEN: STACK_TWILIO.authToken,
        TWILIO_TWIML_APP_SID: STACK_TWILIO.twimlAppSid,
        TWILIO_CALLER_ID: STACK_TWILIO.callerId,
        TWILIO_SIGNALING_URL: emulator.signalingHost,
        PUBLIC_URL: publicUrl,
        ODOO_URL: odoo.url,
        ODOO_DB: odoo.db,
        ODOO_LOGIN: service.login,
        ODOO_API_KEY: service.apiKey,
        SESSION_SECRET: randomBytes(32).toString('base64'),
        DIAL_ALLOWED_COUNTRIES: options.dialAllowedCountries ?? 'FR,BE,CH,LU',
        EXTENSION_ORIGINS: EXTENSION_ORIGIN,
        ...(options.tokenTtlSeconds ? { TOKEN_TTL_SECONDS: String(options.tokenTtlSeconds) } : {}),
      },
    });
    cleanups.push(() => worker.stop());
    forwarder.forwardTo(worker.url);

    const marc = odoo.credentials.agents.marc;
    if (marc.password === null) throw new Error('The stand-in agent has no password.');
    return {
      workerUrl: publicUrl,
      worker,
      emulator,
      odoo,
      agent: {
        uid: marc.uid,
        name: marc.name,
        login: marc.login,
        password: marc.password,
        identity: `odoo_${marc.uid}`,
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
