import type { CallDirection, CallOutcome, Disposition, OdooRecordRef } from './api';
import type { AgentKey } from './settings';

/**
 * The phone's state, as the background keeps it in `chrome.storage.session` under
 * PHONE_STATE_KEY. Every view (popup, options, content script toast and buttons) renders from
 * it and subscribes to `chrome.storage.onChanged`; only the background writes it.
 * Plain JSON: it survives the service worker being stopped and restarted.
 */
export const PHONE_STATE_KEY = 'phone';

/** Whether the phone can make and take calls right now, and if not, why. */
export type PhoneHealth =
  | { status: 'signed_out' }
  | { status: 'no_microphone' }
  | { status: 'starting' }
  | { status: 'registering' }
  | { status: 'ready' }
  | { status: 'offline' }
  /** `code` is Twilio's numeric error code (e.g. 20101 invalid token); UI branches on it. */
  | { status: 'error'; code: number; message: string };

export type Availability = 'available' | 'dnd';

/** The other end of a call. */
export interface CallParty {
  /** E.164 number, or `client:<identity>` for browser-to-browser calls. */
  number: string;
  /** The number as the agent saw or typed it (e.g. `+32 10 588 558`). */
  display: string;
  /** Caller or record name when the worker matched one. */
  name?: string;
  record?: OdooRecordRef;
}

export type CallPhase = 'connecting' | 'ringing' | 'open' | 'reconnecting';

export interface LiveCall {
  /** Twilio's CallSid once known (outgoing calls learn it on `ringing`). */
  callSid: string | null;
  /**
   * Incoming calls only: the caller's leg (`ParentCallSid` from the worker's TwiML), the id the
   * worker logs the call under. The Device's own `callSid` is the child leg that rang it.
   */
  parentCallSid?: string;
  direction: CallDirection;
  party: CallParty;
  phase: CallPhase;
  /** Epoch ms when the call was answered: the popup's timer counts from it. */
  answeredAt: number | null;
  muted: boolean;
  /** Active call-quality warnings from the Voice SDK (e.g. `high-rtt`, `low-mos`). */
  warnings: string[];
  /** The agent whose phone placed or answered it (absent in states of older versions). */
  owner?: AgentKey;
  /** The agent pressed **Hang up**: an end before anyone answered is theirs (canceled). */
  hangingUp?: boolean;
}

/** How an outgoing attempt that nobody answered ended, as the phone saw it. */
export type UnansweredOutcome = Extract<CallOutcome, 'busy' | 'no_answer' | 'failed' | 'canceled'>;

/** The outcome filled in for such an attempt: the agent only confirms it (issue 13, item 7). */
export const DISPOSITION_OF_UNANSWERED: Record<UnansweredOutcome, Disposition> = {
  busy: 'busy',
  no_answer: 'no_answer',
  // The agent gave up while it rang: to them, nobody answered.
  canceled: 'no_answer',
  failed: 'failed',
};

export interface IncomingCall {
  callSid: string;
  /** The caller's leg, as on LiveCall. */
  parentCallSid?: string;
  party: CallParty;
  receivedAt: number;
}

/** The last call that ended, until the agent saves an outcome and note for it (or dismisses it). */
export interface WrapUp {
  /** The id the worker logs the call under (for an incoming call, the caller's leg). */
  callSid: string;
  direction: CallDirection;
  party: CallParty;
  endedAt: number;
  durationSeconds: number;
  /** The agent who was on the call: only their session may save it (absent in older states). */
  owner?: AgentKey;
  /** An outgoing attempt nobody answered: how it ended (its outcome is filled in from it). */
  unanswered?: UnansweredOutcome;
}

export interface PhoneState {
  health: PhoneHealth;
  availability: Availability;
  call: LiveCall | null;
  incoming: IncomingCall | null;
  wrapUp: WrapUp | null;
  /**
   * Wrap-ups set aside, oldest first, because another call started before they were saved
   * (issue 13, item 2): each waits, with its draft, until the agent opens and saves it. Nothing
   * here is dropped for another call (absent in states of older versions).
   */
  waitingWrapUps?: WrapUp[];
  /**
   * Why the last call attempt failed or was refused, shown until the next call. `code` is
   * Twilio's numeric error code when the Voice SDK gave one, else 0.
   */
  callError?: { code: number; message: string; at: number } | null;
}

export const INITIAL_PHONE_STATE: PhoneState = {
  health: { status: 'signed_out' },
  availability: 'available',
  call: null,
  incoming: null,
  wrapUp: null,
};
