import type { Agent } from './api';
import { MANAGED_POLICY_KEYS, type ManagedPolicyKey } from './managed-policy';
import type { Availability } from './phone-state';

/**
 * The extension's settings (DESIGN.md, "Extension settings"). The background is their only
 * writer: it keeps them in `chrome.storage.local` under SETTINGS_KEY; every view reads them there.
 * Chrome policy (`chrome.storage.managed`, keys POLICY_KEYS) wins over what is stored and locks
 * the field in the options page.
 */
export const SETTINGS_KEY = 'settings';

/** When the background brings the caller's Odoo record to the front for an incoming call. */
export const SCREEN_POP_MODES = ['off', 'ring', 'answer'] as const;
export type ScreenPopMode = (typeof SCREEN_POP_MODES)[number];

/** Audio device IDs (`MediaDeviceInfo.deviceId`); `default` follows the system's choice. */
export interface AudioDeviceSettings {
  inputDeviceId: string;
  outputDeviceId: string;
  ringtoneDeviceId: string;
}

export const DEFAULT_AUDIO_DEVICE = 'default';

export interface Settings {
  /** Origin of the worker, e.g. `https://calls.acme.workers.dev`. */
  workerUrl: string;
  /** Origin of the team's Odoo, e.g. `https://acme.odoo.com`; empty until set. */
  odooUrl: string;
  /** ISO 3166 country used to read numbers written without a `+` prefix, e.g. `FR`. */
  defaultCountry: string;
  screenPop: ScreenPopMode;
  audio: AudioDeviceSettings;
  /** Send call-quality events to Twilio Voice Insights (never when a local signaling URL is used). */
  insights: boolean;
  /** Available for incoming calls, or do-not-disturb. Kept here so it survives a browser restart. */
  availability: Availability;
}

/** Settings an admin can preset and lock with Chrome policy (shared/managed-policy.ts). */
export const POLICY_KEYS = MANAGED_POLICY_KEYS;
export type PolicyKey = ManagedPolicyKey;

/** Settings as the views see them: stored values with policy applied, and which fields policy locks. */
export interface EffectiveSettings extends Settings {
  locked: PolicyKey[];
}

/** The signed-in agent's session, in `chrome.storage.local` under SESSION_KEY. Never the password. */
export const SESSION_KEY = 'session';

export interface StoredSession {
  /** Bearer token for the worker's agent routes. */
  session: string;
  expiresAt: string;
  agent: Agent;
  /** The worker that issued it: a session is only good there. */
  workerUrl: string;
}

/**
 * Who a stored wrap-up belongs to: an Odoo user at one worker. Saved wrap-ups, drafts and a
 * pending wrap-up are only ever sent, shown or restored with a session of that same agent at that
 * same worker (issue 12, item 5): a shared browser profile never sends one agent's note with
 * another agent's session.
 */
export interface AgentKey {
  workerUrl: string;
  uid: number;
}
