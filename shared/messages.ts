/**
 * The typed message protocol between the extension's parts (chrome.runtime messages).
 * Each receiver has one protocol map: message type → request fields and response data, so a
 * wrong message does not compile. Errors travel back to the sender as data (`MessageResult`),
 * never as exceptions across contexts.
 *
 * Receivers: the background (content script, popup, options page and offscreen document talk to
 * it) and the offscreen document (only the background talks to it). Popup and options never
 * receive messages: they render from storage.
 */
import type {
  Agent,
  CallSummary,
  Disposition,
  FollowUpRequest,
  OutboundCallParams,
  TokenResponse,
} from './api';
import type { Availability, PhoneHealth } from './phone-state';
import type { EffectiveSettings, Settings } from './settings';

/** What the content script knows about the record a number was clicked on. */
export interface RecordContext {
  model: string;
  id: number;
}

/** Messages the background answers, by type. */
export interface BackgroundProtocol {
  /**
   * A number was clicked in an Odoo page. The background reads it in the record's country (its
   * name as the page shows it, in `country`), else the agent's default country, and answers the
   * number it dials (E.164, and international format for people). `display` (the number as the
   * page wrote it) is for the sender's own messages: the call shows the number dialled.
   */
  dial: {
    request: { number: string; display: string; record?: RecordContext; country?: string };
    response: { number: string; display: string };
  };
  /** The in-page toast's buttons. */
  acceptIncoming: { request: { callSid: string }; response: null };
  declineIncoming: { request: { callSid: string }; response: null };

  // Popup.
  hangUp: { request: Record<never, never>; response: null };
  setMuted: { request: { muted: boolean }; response: null };
  /** DTMF digits `0-9`, `*`, `#`, `w` (half-second pause). */
  sendDigits: { request: { digits: string }; response: null };
  setAvailability: { request: { availability: Availability }; response: null };
  /**
   * Queues the outcome and note (and the call back asked for, if any) in the persistent outbox;
   * resolves once it is stored, not sent.
   */
  saveWrapUp: {
    request: { callSid: string; disposition: Disposition; note: string; followUp?: FollowUpRequest };
    response: null;
  };
  dismissWrapUp: { request: { callSid: string }; response: null };
  /** Opens a waiting wrap-up (set aside when another call started); the pending one waits instead. */
  openWrapUp: { request: { callSid: string }; response: null };
  /** Sends again the wrap-ups the worker refused (after the agent fixed what was wrong). */
  retryWrapUps: { request: Record<never, never>; response: null };
  /** `null` when the worker has no `GET /calls` yet. */
  recentCalls: { request: Record<never, never>; response: CallSummary[] | null };
  /** The popup showed the missed calls: none is new any more (the badge stops counting them). */
  missedCallsSeen: { request: Record<never, never>; response: null };
  /** Takes one call off the missed calls (`MissedCall.id`). */
  dismissMissedCall: { request: { id: string }; response: null };
  /** A view opened: make sure the offscreen document (and so the Device) is alive. */
  ensurePhone: { request: Record<never, never>; response: null };

  // Options page.
  getSettings: { request: Record<never, never>; response: EffectiveSettings };
  /** Policy-locked fields in the patch are refused. Changing the worker signs the agent out. */
  saveSettings: { request: { patch: Partial<Settings> }; response: EffectiveSettings };
  /** The Odoo password (or API key) goes to the worker once and is never stored. */
  signIn: { request: { login: string; password: string }; response: Agent };
  signOut: { request: Record<never, never>; response: null };
  /** The options page obtained the microphone (the offscreen document cannot prompt). */
  microphoneGranted: { request: Record<never, never>; response: null };

  // Offscreen document.
  /** What the Device needs to start; asked on boot, pushed again with `configure` on change. */
  phoneConfig: { request: Record<never, never>; response: PhoneConfig };
  /** A fresh Twilio access token from the worker's `POST /token` (the session stays in the background). */
  fetchToken: { request: Record<never, never>; response: TokenResponse };
  /** Something happened to the Device or a call; the background folds it into `PhoneState`. */
  deviceEvent: { request: { event: DeviceEvent }; response: null };
}

/** What the offscreen document needs to run the Device. */
export interface PhoneConfig {
  signedIn: boolean;
  /** The microphone was granted from the options page (Chrome may still report `prompt`). */
  microphoneGranted: boolean;
  insights: boolean;
  audio: Settings['audio'];
}

/** Messages the offscreen document answers, by type. Only the background sends them. */
export interface OffscreenProtocol {
  configure: { request: { config: PhoneConfig }; response: null };
  connect: { request: { params: OutboundCallParams }; response: null };
  accept: { request: { callSid: string }; response: null };
  reject: { request: { callSid: string }; response: null };
  hangUp: { request: Record<never, never>; response: null };
  setMuted: { request: { muted: boolean }; response: null };
  sendDigits: { request: { digits: string }; response: null };
  /** Re-checks registration and token freshness (the background's watchdog alarm). */
  checkHealth: { request: Record<never, never>; response: OffscreenStatus };
  status: { request: Record<never, never>; response: OffscreenStatus };
}

export interface OffscreenStatus {
  /** `Twilio.Device` state, or `none` before the Device exists. */
  deviceState: 'none' | 'unregistered' | 'registering' | 'registered' | 'destroyed';
  /** Calls the Device holds: the live one and any ringing incoming ones. */
  calls: number;
  /** Microphone tracks still live; 0 whenever no call is up (the microphone is released). */
  liveMicrophoneTracks: number;
  /** When the current access token expires (epoch ms), and how many times it was refreshed. */
  tokenExpiresAt: number | null;
  tokenRefreshes: number;
}

/**
 * What the offscreen document reports about its Device and calls. Plain data: the background's
 * phone state machine (extension/background/phone-machine.ts) folds each into `PhoneState`.
 */
export type DeviceEvent =
  | { type: 'health'; health: PhoneHealth }
  | { type: 'outgoing-ringing'; callSid: string }
  | { type: 'accepted'; callSid: string | null }
  | { type: 'reconnecting' }
  | { type: 'reconnected' }
  | { type: 'muted'; muted: boolean }
  | { type: 'warning'; name: string }
  | { type: 'warning-cleared'; name: string }
  /** The live call ended (either side hung up, or it failed; `error` carries Twilio's code). */
  | { type: 'ended'; callSid: string | null; error?: { code: number; message: string } }
  /** `params` are the `<Client><Parameter>`s the worker set (caller name, record). */
  | { type: 'incoming'; callSid: string; from: string; params: Record<string, string> }
  /**
   * A ringing incoming call went away. `reason`: `canceled`, the far end stopped it ringing here
   * (the caller hung up, it rang out, or another Device took it: Twilio's `cancel` does not say
   * which, twilio-voice.js#435); `rejected`, this Device declined it. Absent: closed otherwise
   * (an error), not a missed call.
   */
  | { type: 'incoming-ended'; callSid: string; reason?: 'canceled' | 'rejected' };

export type MessageTarget = 'background' | 'offscreen';

export type MessageOf<P, T extends keyof P & string> = { target: MessageTarget; type: T } & (P[T] extends {
  request: infer R;
}
  ? R
  : never);

export type BackgroundMessage = {
  [T in keyof BackgroundProtocol & string]: MessageOf<BackgroundProtocol, T>;
}[keyof BackgroundProtocol & string];

export type MessageResult<D> =
  | { ok: true; data: D }
  | { ok: false; error: { code: string; message: string } };

/** The messages a content script may send; the background refuses any other from a tab. */
export const CONTENT_SCRIPT_MESSAGES = ['dial', 'acceptIncoming', 'declineIncoming'] as const;
