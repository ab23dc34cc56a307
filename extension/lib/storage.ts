import type { Disposition, FollowUpRequest } from '../../shared/api';
import { PHONE_STATE_KEY, type PhoneState, type WrapUp } from '../../shared/phone-state';
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

/** What the agent typed for the pending wrap-up, kept so a popup that closes loses nothing. */
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
 * The pending wrap-up (and what was typed for it) of an agent who signed out before saving it,
 * kept until that agent signs in again (background/parked-wrap-ups.ts).
 */
export interface ParkedWrapUp {
  owner: AgentKey;
  wrapUp: WrapUp;
  draft: WrapUpDraft | null;
}

export interface LocalItems {
  [SETTINGS_KEY]: Partial<Settings>;
  [SESSION_KEY]: StoredSession;
  outbox: OutboxItem[];
  /**
   * Written by the popup as the agent types; removed by the background once saved or dismissed.
   * It is the pending wrap-up's draft: at sign-out both are parked for their agent.
   */
  draft: WrapUpDraft;
  /** Wrap-ups pending when their agent signed out, one per call. */
  parkedWrapUps: ParkedWrapUp[];
  /** Set when the options page obtained the microphone. */
  microphone: { grantedAt: number };
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

export interface SessionItems {
  [PHONE_STATE_KEY]: PhoneState;
  presence: PresenceReport;
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
