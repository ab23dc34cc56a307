import type { HttpMethod } from './twiml.ts';

/** The TwiML App the Devices' tokens name (`grants.voice.outgoing.application_sid`). */
export interface TwimlAppConfig {
  sid: string;
  /** Fetched when a Device places a call (the worker's `/twiml/outbound`). */
  voiceUrl: string;
  voiceMethod?: HttpMethod;
  /** Gets the parent call's final status (`completed` with `CallDuration`). */
  statusCallback?: string;
  statusCallbackMethod?: HttpMethod;
}

/** A phone number the simulated PSTN can call. */
export interface PhoneNumberConfig {
  /** E.164, e.g. `+33100000000`. */
  phoneNumber: string;
  /** Fetched when someone calls the number (the worker's `/twiml/inbound`). */
  voiceUrl: string;
  voiceMethod?: HttpMethod;
  statusCallback?: string;
  statusCallbackMethod?: HttpMethod;
}

export interface TwilioEmulatorOptions {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  twimlApp: TwimlAppConfig;
  numbers?: PhoneNumberConfig[];
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  signalingPort?: number;
  /** Default 0: an ephemeral port. */
  controlPort?: number;
  /**
   * Multiplies every duration written in TwiML (`<Pause length>`, `<Dial timeout>` and
   * `timeLimit`, `<Record maxLength>` and `timeout`) so tests need not wait real seconds.
   * Default 1. Durations given to the control API in milliseconds are never scaled.
   */
  timeScale?: number;
  /** How long a `<Say>` or `<Play>` takes to "play"; default 100 ms. */
  sayMs?: number;
  /** Server heartbeat period; the SDK reconnects when it hears nothing for 15 s. Default 10 s. */
  heartbeatIntervalMs?: number;
  /**
   * How long a call whose Device socket dropped waits for the SDK to resume it (signaling
   * reconnection with the `reconnect` token) before it is hung up. Default 30 s.
   */
  signalingReconnectGraceMs?: number;
  /** Window of the far end's received audio level. Default 500 ms. */
  levelWindowMs?: number;
  /** Receives one line per signaling message, webhook and call event; default: silent. */
  log?: (line: string) => void;
}

export type ResolvedOptions = Required<Omit<TwilioEmulatorOptions, 'twimlApp' | 'numbers'>> & {
  twimlApp: TwimlAppConfig;
  numbers: PhoneNumberConfig[];
};

export function resolveOptions(options: TwilioEmulatorOptions): ResolvedOptions {
  for (const name of ['accountSid', 'authToken', 'apiKeySid', 'apiKeySecret'] as const) {
    if (!options[name]) throw new Error(`startTwilioEmulator: ${name} is required`);
  }
  if (!options.twimlApp?.sid || !options.twimlApp.voiceUrl) {
    throw new Error('startTwilioEmulator: twimlApp.sid and twimlApp.voiceUrl are required');
  }
  return {
    host: '127.0.0.1',
    signalingPort: 0,
    controlPort: 0,
    timeScale: 1,
    sayMs: 100,
    heartbeatIntervalMs: 10_000,
    signalingReconnectGraceMs: 30_000,
    levelWindowMs: 500,
    log: () => {},
    ...(Object.fromEntries(
      Object.entries(options).filter(([, value]) => value !== undefined),
    ) as TwilioEmulatorOptions),
    numbers: options.numbers ?? [],
  };
}
