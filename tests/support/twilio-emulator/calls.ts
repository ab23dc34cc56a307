import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FarEnd, MediaStats } from './far-end.ts';
import { newSid } from './sids.ts';
import type { SignalingSession } from './signaling.ts';
import type { HttpMethod, LegEvent } from './twiml.ts';

/** Twilio's CallStatus values. */
export type CallStatus =
  | 'queued'
  | 'initiated'
  | 'ringing'
  | 'in-progress'
  | 'completed'
  | 'busy'
  | 'failed'
  | 'no-answer'
  | 'canceled';

export const FINAL_STATUSES: ReadonlySet<CallStatus> = new Set([
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
]);

/**
 * `inbound`: a call that reached Twilio (from a browser Device through the TwiML App, or from the
 * PSTN to a number). `outbound-dial`: a leg created by `<Dial>`.
 */
export type CallDirection = 'inbound' | 'outbound-dial';

/** Who or what is on the emulated side of the call. */
export type CallKind =
  /** parent call placed by a browser Device (`device.connect()`) */
  | 'client-originated'
  /** parent call from the simulated PSTN caller to one of the numbers */
  | 'pstn-originated'
  /** `<Dial><Number>` leg to a simulated callee */
  | 'number-leg'
  /** `<Dial><Client>` leg ringing the Devices of an identity */
  | 'client-leg';

export interface TwimlFetch {
  url: string;
  method: string;
  status: number | undefined;
  body: string;
}

export interface DigitReceived {
  digit: string;
  /** `rtp`: RFC 4733 telephone-event; `signaling`: a PStream `dtmf` message. */
  via: 'rtp' | 'signaling';
  at: string;
}

export interface RecordingInfo {
  sid: string;
  url: string;
  durationSeconds: number;
  channels: 1 | 2;
  source: 'DialVerb' | 'RecordVerb';
}

/** A call as tests see it: plain JSON (the control API returns the same shape). */
export interface CallSnapshot {
  sid: string;
  parentCallSid: string | undefined;
  kind: CallKind;
  direction: CallDirection;
  from: string;
  to: string;
  status: CallStatus;
  /** Browser identity on this call: the caller for client-originated, the callee for client legs. */
  identity: string | undefined;
  /** The SDK's temporary `TJS…` sid for a client-originated call. */
  clientSid: string | undefined;
  /** Custom parameters: from the Device's `connect({params})`, or the `<Client><Parameter>`s. */
  parameters: Record<string, string>;
  createdAt: string;
  answeredAt: string | undefined;
  endedAt: string | undefined;
  /** Whole seconds between answer and end (Twilio's CallDuration). */
  duration: number | undefined;
  /** Who ended it: `client` (the browser), `far-end` (control API / simulated party), `twiml`, `timeout`, `emulator`. */
  endedBy: string | undefined;
  /** Child legs (`<Dial>`), in creation order. */
  legs: string[];
  twiml: TwimlFetch[];
  /** Text of every `<Say>` played to the caller, in order. */
  said: string[];
  /** Verbs skipped because the emulator does not follow them. */
  unsupportedVerbs: string[];
  digits: string;
  digitLog: DigitReceived[];
  messages: Array<{ content: unknown; contentType: string; messageType: string; voiceEventSid: string }>;
  recordings: RecordingInfo[];
  errors: Array<{ code: number; message: string }>;
  media: MediaStats | undefined;
}

/** Where a call's progress events are POSTed (a leg's statusCallback, or the app's / number's). */
export interface StatusCallbackTarget {
  url: string;
  method: HttpMethod;
  events: LegEvent[];
}

/** What the simulated PSTN caller does when it reaches a `<Record>` (voicemail). */
export interface VoicemailBehaviour {
  /** How long the caller speaks; default 2000 ms. */
  speakMs?: number;
  /** Hang up after speaking (as callers leaving a message do); default true. */
  hangUp?: boolean;
}

/** Mutable state of one call; only the emulator's own modules change it. */
export class CallRecord {
  readonly sid = newSid('CA');
  readonly createdAt = new Date();
  status: CallStatus;
  answeredAt: Date | undefined;
  endedAt: Date | undefined;
  endedBy: string | undefined;
  identity: string | undefined;
  clientSid: string | undefined;
  parameters: Record<string, string> = {};
  readonly legs: CallRecord[] = [];
  readonly twiml: TwimlFetch[] = [];
  readonly said: string[] = [];
  readonly unsupportedVerbs: string[] = [];
  readonly digitLog: DigitReceived[] = [];
  readonly messages: CallSnapshot['messages'] = [];
  readonly recordings: RecordingInfo[] = [];
  readonly errors: CallSnapshot['errors'] = [];
  farEnd: FarEnd | undefined;
  /** Client-originated call: the far end answering the Device's offer, while it is being made. */
  farEndReady: Promise<FarEnd> | undefined;
  /** The Device socket this call's signaling goes to (the caller's, or the one that answered a leg). */
  session: SignalingSession | undefined;
  /** Client leg still ringing: each Device socket being rung, with the far end that made its offer. */
  readonly ringingSessions = new Map<SignalingSession, FarEnd>();
  /** Lets the SDK resume this call after its socket drops (`reconnect` in `answer` / `invite`). */
  readonly reconnectToken = randomBytes(12).toString('hex');
  statusCallback: StatusCallbackTarget | undefined;
  /** Next SequenceNumber of this call's status callbacks. */
  sequence = 0;
  applicationSid: string | undefined;
  callerName: string | undefined;
  voicemail: VoicemailBehaviour = {};
  /** Fires when the call ends, whoever ends it: everything waiting on the call listens to it. */
  readonly ended = new AbortController();

  constructor(
    readonly kind: CallKind,
    readonly from: string,
    readonly to: string,
    readonly parent: CallRecord | undefined,
    initialStatus: CallStatus,
  ) {
    this.status = initialStatus;
  }

  get direction(): CallDirection {
    return this.parent ? 'outbound-dial' : 'inbound';
  }

  get isFinal(): boolean {
    return FINAL_STATUSES.has(this.status);
  }

  /** Whole seconds the call was answered (0 when it never was). */
  /** The parent call (itself for a parent): callbacks and faults are grouped by it. */
  get root(): CallRecord {
    return this.parent ?? this;
  }

  get durationSeconds(): number {
    if (!this.answeredAt) return 0;
    return Math.round(((this.endedAt ?? new Date()).getTime() - this.answeredAt.getTime()) / 1000);
  }

  snapshot(): CallSnapshot {
    return {
      sid: this.sid,
      parentCallSid: this.parent?.sid,
      kind: this.kind,
      direction: this.direction,
      from: this.from,
      to: this.to,
      status: this.status,
      identity: this.identity,
      clientSid: this.clientSid,
      parameters: { ...this.parameters },
      createdAt: this.createdAt.toISOString(),
      answeredAt: this.answeredAt?.toISOString(),
      endedAt: this.endedAt?.toISOString(),
      duration: this.isFinal ? this.durationSeconds : undefined,
      endedBy: this.endedBy,
      legs: this.legs.map((leg) => leg.sid),
      twiml: this.twiml.map((fetch) => ({ ...fetch })),
      said: [...this.said],
      unsupportedVerbs: [...this.unsupportedVerbs],
      digits: this.digitLog.map((entry) => entry.digit).join(''),
      digitLog: this.digitLog.map((entry) => ({ ...entry })),
      messages: this.messages.map((message) => ({ ...message })),
      recordings: this.recordings.map((recording) => ({ ...recording })),
      errors: this.errors.map((error) => ({ ...error })),
      media: this.farEnd?.stats(),
    };
  }
}

/** Every call the emulator has seen, with a change event to wait on. */
export class CallStore {
  private readonly calls = new Map<string, CallRecord>();
  private readonly events = new EventEmitter().setMaxListeners(0);

  create(
    kind: CallKind,
    from: string,
    to: string,
    parent: CallRecord | undefined,
    status: CallStatus,
  ): CallRecord {
    const call = new CallRecord(kind, from, to, parent, status);
    this.calls.set(call.sid, call);
    parent?.legs.push(call);
    this.changed(call);
    return call;
  }

  get(sid: string): CallRecord | undefined {
    return this.calls.get(sid);
  }

  /** Finds a call by its CallSid or by the Device's temporary TJS sid. */
  bySidOrClientSid(sid: string): CallRecord | undefined {
    return this.calls.get(sid) ?? [...this.calls.values()].find((call) => call.clientSid === sid);
  }

  all(): CallRecord[] {
    return [...this.calls.values()];
  }

  clear(): void {
    this.calls.clear();
  }

  /** Tells waiters that something about the call changed. */
  changed(call: CallRecord): void {
    this.events.emit('change', call);
  }

  onChange(listener: (call: CallRecord) => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }
}
