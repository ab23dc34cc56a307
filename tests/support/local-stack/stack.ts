import { randomBytes } from 'node:crypto';
import { EXTENSION_ORIGIN } from '../../../shared/extension-id.ts';
import { type OdooStandin, startOdooStandin } from '../odoo-standin/index.ts';
import { addDemoPages } from '../odoo-standin/pages/index.ts';
import {
  startTwilioEmulator,
  type TwilioEmulator,
  type TwilioEmulatorOptions,
} from '../twilio-emulator/index.ts';
import { freePort, startWranglerDev, type WranglerDev } from '../wrangler-dev.ts';

/**
 * The whole local stack the extension talks to: the worker under `wrangler dev`, the Twilio
 * voice emulator and the Odoo stand-in, set up so the three agree (same Twilio account and keys,
 * the emulator's webhooks signed for the worker's public URL, the worker pointing the Device at
 * the emulator's signaling host). `npm start` runs it on fixed ports with persistent state; the
 * end-to-end tests and benchmarks run it on free ports with throw-away state.
 *
 *   const stack = await startStack();
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

/** Where each piece listens; a missing port means a free one chosen at start. */
export interface StackPorts {
  worker?: number;
  odoo?: number;
  twilioSignaling?: number;
  twilioControl?: number;
}

export interface StackOptions {
  ports?: StackPorts;
  /** The worker's local D1 and queue state; default a temporary directory removed on close. */
  workerStateDir?: string;
  /** The worker's `SESSION_SECRET`; keep it across restarts so signed-in sessions stay valid. */
  sessionSecret?: string;
  /** The worker's `TOKEN_TTL_SECONDS` (15 at least): short-lived tokens for refresh tests. */
  tokenTtlSeconds?: number;
  /** Countries outbound calls may reach (the worker's `DIAL_ALLOWED_COUNTRIES`). */
  dialAllowedCountries?: string;
  /** More worker settings (tuning of the logging pipeline, say). */
  workerVars?: Record<string, string>;
  /** Extra emulator options (time scale, log…). */
  emulator?: Partial<TwilioEmulatorOptions>;
  /** Serve the Odoo-like demo pages on the stand-in (npm start, the whole-story test). */
  demoPages?: boolean;
  /**
   * Run the worker's cron every minute, as Cloudflare does (`wrangler dev` never runs it by
   * itself): it re-drives notes whose queue message was lost, e.g. when `npm start` was stopped
   * with notes still queued.
   */
  cron?: boolean;
  /** Start-up progress, one line per piece (npm start prints them). */
  progress?: (line: string) => void;
}

export interface LocalStack {
  /** What the extension and Twilio call: the worker's public URL (`PUBLIC_URL`). */
  workerUrl: string;
  worker: WranglerDev;
  emulator: TwilioEmulator;
  odoo: OdooStandin;
  /** The demo salesperson who signs in through the options page (Marc Demo, lead 14's owner). */
  agent: StackAgent;
  close(): Promise<void>;
}

/** The worker's settings for a stack: every fixed name of DESIGN.md, pointing at the stand-ins. */
function workerSettings(
  odoo: OdooStandin,
  emulator: TwilioEmulator,
  publicUrl: string,
  options: StackOptions,
): Record<string, string> {
  const { service } = odoo.credentials;
  return {
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
    SESSION_SECRET: options.sessionSecret ?? randomBytes(32).toString('base64'),
    DIAL_ALLOWED_COUNTRIES: options.dialAllowedCountries ?? 'FR,BE,CH,LU',
    EXTENSION_ORIGINS: EXTENSION_ORIGIN,
    ...(options.tokenTtlSeconds ? { TOKEN_TTL_SECONDS: String(options.tokenTtlSeconds) } : {}),
    ...options.workerVars,
  };
}

export async function startStack(options: StackOptions = {}): Promise<LocalStack> {
  const progress = options.progress ?? (() => {});
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const odoo = await startOdooStandin({ port: options.ports?.odoo ?? 0 });
    cleanups.push(() => odoo.close());
    progress(`Odoo stand-in      ${odoo.url}`);

    // The emulator posts to the worker and the worker checks signatures against its public URL:
    // both need the worker's address before either starts, so its port is chosen first.
    const workerPort = options.ports?.worker ?? (await freePort());
    const publicUrl = `http://127.0.0.1:${workerPort}`;
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
      signalingPort: options.ports?.twilioSignaling ?? 0,
      controlPort: options.ports?.twilioControl ?? 0,
      // Chromium's fake microphone beeps about once a second: measure over a whole second.
      levelWindowMs: 1000,
      ...(process.env.EMULATOR_LOG ? { log: (line: string) => console.log(line) } : {}),
      ...options.emulator,
    });
    cleanups.push(() => emulator.close());
    progress(`Twilio emulator    wss://${emulator.signalingHost}/signal, control ${emulator.controlUrl}`);

    if (options.demoPages) {
      addDemoPages(odoo, {
        simulateIncomingCall: (from) => emulator.placeInboundCall({ from, to: STACK_TWILIO.callerId }).sid,
      });
    }

    const worker = await startWranglerDev({
      port: workerPort,
      vars: workerSettings(odoo, emulator, publicUrl, options),
      ...(options.workerStateDir ? { persistTo: options.workerStateDir } : {}),
      testScheduled: Boolean(options.cron),
    });
    cleanups.push(() => worker.stop());
    if (options.cron) {
      const runCron = () => {
        fetch(`${worker.url}/__scheduled?cron=*+*+*+*+*`).catch(() => undefined);
      };
      const timer = setInterval(runCron, 60_000);
      timer.unref();
      cleanups.push(async () => clearInterval(timer));
    }
    progress(`Worker             ${worker.url} (wrangler dev, local D1)`);

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
