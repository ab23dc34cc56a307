import type { Disposition, FollowUpRequest } from '../../shared/api';
import { type CallParty, PHONE_STATE_KEY, type PhoneState, type WrapUp } from '../../shared/phone-state';
import {
  type AgentKey,
  SESSION_KEY,
  SETTINGS_KEY,
  type Settings,
  type StoredSession,
} from '../../shared/settings';
import { browser } from './browser';

/**
 * Everything the extension stores, in one place. `local` survives restarts (settings, session,
 * unsent wrap-ups, note drafts); `session` lives while the browser runs (the phone's state, which
 * the service worker must not keep in memory since Chrome stops it whenever it likes).
 */

/** A wrap-up waiting to reach the worker's `POST /calls/:callSid/wrap-up`. One per call. */
export interface OutboxItem {
  /**
   * The agent it belongs to: only sent with their session, only shown to them. Absent in items
   * an older version wrote (see isOwnedBy in lib/agent-key.ts).
   */
  owner?: AgentKey;
  callSid: string;
  disposition: Disposition;
  note: string;
  /** The call back the agent asked for; absent in items of an older version. */
  followUp?: FollowUpRequest;
  queuedAt: number;
  attempts: number;
  /** Epoch ms of the next attempt. */
  nextAttemptAt: number;
  /** Why the last attempt failed, for the popup. */
  lastError: string | null;
  /** The worker refused it for good (e.g. 400): kept so nothing is lost, not retried on its own. */
  failed: boolean;
}

/** What the agent typed for a wrap-up, kept so a popup that closes loses nothing. */
export interface WrapUpDraft {
  callSid: string;
  disposition: Disposition | '';
  note: string;
  /**
   * The call back as the agent set it; absent until they touch it: the outcome's default then
   * (popup/FollowUpPicker.tsx).
   */
  followUp?: FollowUpDraft;
}

export interface FollowUpDraft {
  enabled: boolean;
  /** `YYYY-MM-DD`, or empty while the agent clears the field. */
  date: string;
}

/**
 * Where a call's draft is kept: one item per call (issue 13, item 2), so the draft of a wrap-up
 * set aside for another call stays with it, and the popup (which writes drafts) and the
 * background (which removes them) never rewrite each other's items.
 */
export type DraftKey = `draft:${string}`;

export function draftKey(callSid: string): DraftKey {
  return `draft:${callSid}`;
}

/** The call's draft: its own item, else the single `draft` of an older version, if it is this call's. */
export async function readDraft(callSid: string): Promise<WrapUpDraft | null> {
  const items = await browser.storage.local.get([draftKey(callSid), 'draft']);
  const own = items[draftKey(callSid)] as WrapUpDraft | undefined;
  const legacy = items.draft as WrapUpDraft | undefined;
  return own ?? (legacy?.callSid === callSid ? legacy : null);
}

export async function removeDraft(callSid: string): Promise<void> {
  const legacy = await readItem('local', 'draft');
  await browser.storage.local.remove(
    legacy?.callSid === callSid ? [draftKey(callSid), 'draft'] : draftKey(callSid),
  );
}

/**
 * The pending wrap-up (and what was typed for it) of an agent who signed out before saving it,
 * kept until that agent signs in again (background/parked-wrap-ups.ts).
 */
export interface ParkedWrapUp {
  owner: AgentKey;
  wrapUp: WrapUp;
  draft: WrapUpDraft | null;
}

/**
 * An incoming call that rang here and stopped ringing without being answered here (issue 13,
 * item 3): the caller hung up, it rang out (then the worker takes a voicemail), or another Device
 * took it. Kept in `missedCalls` (background/missed-calls.ts), newest first, until dismissed.
 */
export interface MissedCall {
  /** The caller's leg (`ParentCallSid`), else the Device's CallSid: one entry per call. */
  id: string;
  /** The caller as the toast showed them: name and record when the worker matched one. */
  party: CallParty;
  /** Epoch ms when it last stopped ringing here. */
  at: number;
  /** The agent saw it in the popup: the badge no longer counts it. */
  seen: boolean;
  /** The worker's recent calls say the caller left a voicemail. */
  voicemail?: boolean;
  /** The agent whose phone rang: only they see it (absent when nobody was signed in). */
  owner?: AgentKey;
}

export interface LocalItems {
  [SETTINGS_KEY]: Partial<Settings>;
  [SESSION_KEY]: StoredSession;
  outbox: OutboxItem[];
  /**
   * A wrap-up's draft, one per call (`draftKey`): written by the popup as the agent types,
   * removed by the background once saved or dismissed. At sign-out the agent's wrap-ups are
   * parked with their drafts.
   */
  [key: DraftKey]: WrapUpDraft;
  /** The one draft of versions before drafts were kept per call: read, never written. */
  draft: WrapUpDraft;
  /** Wrap-ups pending when their agent signed out, one per call. */
  parkedWrapUps: ParkedWrapUp[];
  /** Missed incoming calls, newest first (at most MISSED_CALLS_LIMIT). */
  missedCalls: MissedCall[];
  /** Set when the options page obtained the microphone. */
  microphone: { grantedAt: number };
  /**
   * The countries the worker lets outbound calls go to (from its last token answer), so a call
   * it would refuse is refused before dialling, with the reason on screen.
   */
  dialPolicy: { allowedCountries: string[]; at: number };
  /**
   * Why the worker ended the session (its own sentence: an ended session, an agent Odoo no
   * longer allows), for the popup and options until the next sign-in or sign-out.
   */
  sessionEnded: SessionEndedNotice;
}

export interface SessionEndedNotice {
  /** The worker's `error.message`, as it gave it. */
  reason: string;
  at: number;
}

/** The last presence report sent to the worker, to skip repeats between heartbeats. */
export interface PresenceReport {
  status: PhoneState['availability'];
  registered: boolean;
  sentAt: number;
}

/**
 * Whether the click-to-call server answered its last check (the watchdog's `GET /health`, every
 * minute, and again before a call when it was down): the phone is not "ready" without it, since
 * calls can neither start nor be logged.
 */
export interface WorkerHealth {
  reachable: boolean;
  /** The HTTP status it answered, 0 when it could not be reached at all. */
  status: number;
  checkedAt: number;
}

export interface SessionItems {
  [PHONE_STATE_KEY]: PhoneState;
  presence: PresenceReport;
  workerHealth: WorkerHealth;
}

export type StorageAreaName = 'local' | 'session';
export type ItemsOf<A extends StorageAreaName> = A extends 'local' ? LocalItems : SessionItems;

export async function readItem<A extends StorageAreaName, K extends keyof ItemsOf<A> & string>(
  area: A,
  key: K,
): Promise<ItemsOf<A>[K] | undefined> {
  const items = await browser.storage[area].get(key);
  return items[key] as ItemsOf<A>[K] | undefined;
}

export async function writeItem<A extends StorageAreaName, K extends keyof ItemsOf<A> & string>(
  area: A,
  key: K,
  value: ItemsOf<A>[K],
): Promise<void> {
  await browser.storage[area].set({ [key]: value });
}

export async function removeItem<A extends StorageAreaName>(
  area: A,
  key: keyof ItemsOf<A> & string,
): Promise<void> {
  await browser.storage[area].remove(key);
}

/** Policy set by an admin (`chrome.storage.managed`, schema in extension/public/managed-schema.json). */
export async function readPolicy(): Promise<Record<string, unknown>> {
  try {
    return await browser.storage.managed.get();
  } catch {
    // No policy for this extension (or managed storage unavailable): nothing is locked.
    return {};
  }
}
