import { type CallbackFaults, CallbackQueue } from './callbacks.ts';
import { type CalleeBehaviour, CalleeDirectory } from './callees.ts';
import { type CallSnapshot, CallStore } from './calls.ts';
import type { EmulatorContext } from './context.ts';
import { startControlServer } from './control-api.ts';
import { resolveOptions, type TwilioEmulatorOptions } from './options.ts';
import { RecordingStore } from './recordings.ts';
import { type RegistrationSnapshot, SignalingServer } from './signaling.ts';
import { type InboundCallRequest, Switchboard } from './switchboard.ts';
import { selfSignedCertificate } from './tls.ts';
import { waitFor } from './waiting.ts';
import { type WebhookRecord, WebhookSender } from './webhooks.ts';

export type { CallbackFaults } from './callbacks.ts';
export type { CalleeBehaviour } from './callees.ts';
export type { CallKind, CallSnapshot, CallStatus, VoicemailBehaviour } from './calls.ts';
export type { MediaStats } from './far-end.ts';
export type { PhoneNumberConfig, TwilioEmulatorOptions, TwimlAppConfig } from './options.ts';
export type { RegistrationSnapshot } from './signaling.ts';
export type { InboundCallRequest } from './switchboard.ts';
export type { WebhookKind, WebhookRecord } from './webhooks.ts';

const DEFAULT_WAIT_MS = 10_000;

/** A running emulator. Everything here is also reachable over `controlUrl` (see control-api.ts). */
export interface TwilioEmulator {
  /** `127.0.0.1:PORT`: the Device's `chunderw` option, the worker's `TWILIO_SIGNALING_URL`. */
  readonly signalingHost: string;
  /** `http://127.0.0.1:PORT` of the control API (and of recording files). */
  readonly controlUrl: string;
  /** What the simulated callee at this number does from now on (default: answers). */
  setCallee(number: string, behaviour: CalleeBehaviour): void;
  /** A call from the simulated PSTN to one of `numbers`; returns the parent call as it starts. */
  placeInboundCall(request: InboundCallRequest): CallSnapshot;
  /** The far side hangs up this call or leg (before answer: the caller gives up → `cancel`). */
  hangUp(callSid: string): CallSnapshot;
  calls(): CallSnapshot[];
  call(callSid: string): CallSnapshot | undefined;
  /** Every request made to the application, in order, with its answer. */
  webhooks(): WebhookRecord[];
  registrations(): RegistrationSnapshot[];
  /** Changes how status and recording callbacks are delivered; returns the faults now in force. */
  setFaults(faults: Partial<CallbackFaults>): CallbackFaults;
  /** Resolves once every callback queued so far has been answered. */
  callbacksDelivered(): Promise<void>;
  waitForCall(predicate: (call: CallSnapshot) => boolean, timeoutMs?: number): Promise<CallSnapshot>;
  /** The next (or current) client leg ringing the Devices of `identity`. */
  waitForInvite(identity: string, timeoutMs?: number): Promise<CallSnapshot>;
  waitForWebhook(predicate: (webhook: WebhookRecord) => boolean, timeoutMs?: number): Promise<WebhookRecord>;
  /** Until some socket of `identity` is registered (or, with `false`, none is). */
  waitForRegistration(identity: string, registered?: boolean, timeoutMs?: number): Promise<void>;
  /**
   * Closes every signaling socket at once, as a network loss would. With `stayDown`, new sockets
   * are turned away too until restoreSignaling(): the Devices' attempts to reconnect fail.
   */
  dropSignaling(options?: { stayDown?: boolean }): void;
  /** Accepts signaling sockets again after dropSignaling({ stayDown: true }). */
  restoreSignaling(): void;
  /** How many signaling sockets were turned away while signaling was down. */
  refusedSignaling(): number;
  /** Forgets calls, webhooks, callee behaviours and faults, signaling down included (not registrations). */
  reset(): void;
  close(): Promise<void>;
}

export async function startTwilioEmulator(userOptions: TwilioEmulatorOptions): Promise<TwilioEmulator> {
  const options = resolveOptions(userOptions);
  const log = options.log;
  const calls = new CallStore();
  const webhooks = new WebhookSender(options.authToken);
  webhooks.onWebhook((record) =>
    log(`[webhook ${record.kind}] ${record.method} ${record.url} → ${record.status ?? record.error}`),
  );
  const callbacks = new CallbackQueue(webhooks);
  const callees = new CalleeDirectory();
  const switchboard = new Switchboard();
  let controlUrl = '';
  const recordings = new RecordingStore(() => controlUrl, options.accountSid);

  const signaling = await SignalingServer.start({
    host: options.host,
    port: options.signalingPort,
    tls: await selfSignedCertificate(),
    keys: options,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    handlers: switchboard,
    log,
  });

  const context: EmulatorContext = {
    options,
    calls,
    webhooks,
    callbacks,
    callees,
    recordings,
    signaling,
    get controlUrl() {
      return controlUrl;
    },
    log,
  };
  switchboard.attach(context);

  const emulator: TwilioEmulator = {
    signalingHost: signaling.host,
    get controlUrl() {
      return controlUrl;
    },
    setCallee: (number, behaviour) => callees.set(number, behaviour),
    placeInboundCall: (request) => switchboard.placeInboundCall(request),
    hangUp: (callSid) => switchboard.hangUpFromFarEnd(callSid),
    calls: () => calls.all().map((call) => call.snapshot()),
    call: (callSid) => calls.get(callSid)?.snapshot(),
    webhooks: () => webhooks.list(),
    registrations: () => signaling.registrations(),
    setFaults: (faults) => callbacks.setFaults(faults),
    callbacksDelivered: () => callbacks.drained(),
    waitForCall: (predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      waitFor(
        () =>
          calls
            .all()
            .map((call) => call.snapshot())
            .find(predicate),
        (onChange) => calls.onChange(onChange),
        timeoutMs,
        () => `a call matching ${predicate}; calls: ${summarizeCalls(emulator.calls())}`,
      ),
    waitForInvite: (identity, timeoutMs = DEFAULT_WAIT_MS) =>
      emulator.waitForCall(
        (call) => call.kind === 'client-leg' && call.identity === identity && call.status === 'ringing',
        timeoutMs,
      ),
    waitForWebhook: (predicate, timeoutMs = DEFAULT_WAIT_MS) =>
      waitFor(
        () => webhooks.list().find(predicate),
        (onChange) => webhooks.onWebhook(onChange),
        timeoutMs,
        () => `a webhook matching ${predicate}`,
      ),
    waitForRegistration: async (identity, registered = true, timeoutMs = DEFAULT_WAIT_MS) => {
      await waitFor(
        () => (signaling.registeredSessions(identity).length > 0 === registered ? true : undefined),
        (onChange) => signaling.onRegistrationChange(onChange),
        timeoutMs,
        () => `${identity} to be ${registered ? 'registered' : 'unregistered'}`,
      );
    },
    dropSignaling: (options = {}) => {
      signaling.refuseConnections(options.stayDown ?? false);
      signaling.disconnectAll();
    },
    restoreSignaling: () => signaling.refuseConnections(false),
    refusedSignaling: () => signaling.refused,
    reset: () => {
      signaling.refuseConnections(false);
      calls.clear();
      webhooks.clear();
      callees.clear();
      callbacks.clear();
      callbacks.setFaults({ duplicate: false, order: 'in-order', delayMs: 0 });
    },
    close: async () => {
      switchboard.close();
      await Promise.all([signaling.close(), control.close()]);
    },
  };

  const control = await startControlServer(emulator, recordings, options.host, options.controlPort);
  controlUrl = control.url;
  return emulator;
}

function summarizeCalls(calls: CallSnapshot[]): string {
  if (calls.length === 0) return 'none';
  return calls
    .map((call) => `${call.sid} ${call.kind} ${call.identity ?? call.to} ${call.status}`)
    .join('; ');
}
