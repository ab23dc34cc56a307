/**
 * The worker's settings, named exactly as DESIGN.md fixes them. Plain values live in
 * wrangler.toml `[vars]`, secrets are set with `wrangler secret put` (`.dev.vars` locally).
 * Every setting is typed optional on purpose: a deployment may lack any of them, and the
 * worker must then say which one is missing instead of crashing.
 */
export interface Env {
  DB: D1Database;
  /**
   * Producer of the `odoo-sync` queue (notes to write to Odoo). Optional: without it the cron
   * alone delivers notes, a minute or so later.
   */
  ODOO_SYNC?: Queue<SyncMessage>;

  TWILIO_ACCOUNT_SID?: string;
  TWILIO_API_KEY_SID?: string;
  TWILIO_API_KEY_SECRET?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_TWIML_APP_SID?: string;
  TWILIO_CALLER_ID?: string;
  PUBLIC_URL?: string;
  ODOO_URL?: string;
  ODOO_DB?: string;
  ODOO_LOGIN?: string;
  ODOO_API_KEY?: string;
  SESSION_SECRET?: string;
  DIAL_ALLOWED_COUNTRIES?: string;
  /**
   * Comma list of libphonenumber number types outbound calls may reach (toll-fraud guard), e.g.
   * `MOBILE,FIXED_LINE,FIXED_LINE_OR_MOBILE` (the default). Premium-rate, shared-cost, personal,
   * UAN and the like are refused unless listed.
   */
  DIAL_ALLOWED_NUMBER_TYPES?: string;
  /**
   * XML id of the Odoo group whose internal users may sign in as agents (default
   * `sales_team.group_sale_salesman`).
   */
  AGENT_GROUP?: string;
  EXTENSION_ORIGINS?: string;
  /** Local development and tests only. Never set in production. */
  TWILIO_SIGNALING_URL?: string;
  /**
   * Local development and tests only: base URL of a Twilio-compatible REST API (the emulator),
   * instead of `https://api.twilio.com`. Never set in production.
   */
  TWILIO_API_BASE_URL?: string;
  /**
   * Local development and tests only: lifetime of Twilio access tokens in seconds, so that
   * token-refresh tests need not wait an hour. Unset in production (the default is one hour).
   */
  TOKEN_TTL_SECONDS?: string;
  /** Seconds to wait for the agent's wrap-up after a call before its note is written (default 180). */
  WRAP_UP_WINDOW_SECONDS?: string;
  /** Seconds an inbound call rings the record's salesperson alone before everyone (default 20). */
  OWNER_RING_SECONDS?: string;
  /** Milliseconds an inbound call may wait for Odoo to name the caller (default 1500). */
  CALLER_LOOKUP_BUDGET_MS?: string;
  /** Seconds before the first retry of a failed Odoo write; doubles each time, up to 60 (default 10). */
  ODOO_RETRY_SECONDS?: string;
  /** `en` or `fr`: the voicemail greeting and notes of calls nobody answered (default `en`). */
  COMPANY_LANGUAGE?: string;
}

/** What the `odoo-sync` queue carries: the call whose Odoo log is due (the state is in D1). */
export interface SyncMessage {
  sid: string;
}

export type SettingName = Exclude<keyof Env, 'DB' | 'ODOO_SYNC'>;

/** Every setting a production deployment needs (the local/test-only ones are optional). */
export const REQUIRED_SETTINGS = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_API_KEY_SID',
  'TWILIO_API_KEY_SECRET',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_TWIML_APP_SID',
  'TWILIO_CALLER_ID',
  'PUBLIC_URL',
  'ODOO_URL',
  'ODOO_DB',
  'ODOO_LOGIN',
  'ODOO_API_KEY',
  'SESSION_SECRET',
  'DIAL_ALLOWED_COUNTRIES',
  'EXTENSION_ORIGINS',
] as const satisfies readonly SettingName[];

/** The worker's own Odoo user (worker/odoo/service-account.ts): caller look-ups and call notes. */
export const ODOO_SERVICE_SETTINGS = [
  'ODOO_URL',
  'ODOO_DB',
  'ODOO_LOGIN',
  'ODOO_API_KEY',
] as const satisfies readonly SettingName[];

/** Names of the given settings that are unset or blank. Values are never returned. */
export function missingSettings(env: Env, names: readonly SettingName[]): SettingName[] {
  return names.filter((name) => !env[name]?.trim());
}

/** The given settings, trimmed, once they are all present. */
export type Settings<N extends SettingName> = { readonly [K in N]: string };

/** Thrown by `readSettings`; the error middleware answers it with 503 `not_configured`. */
export class MissingSettingsError extends Error {
  constructor(readonly missing: readonly SettingName[]) {
    super(`The worker is not configured: ${missing.join(', ')} missing.`);
  }
}

/** Reads settings a route needs, or throws `MissingSettingsError` naming (never showing) the missing ones. */
export function readSettings<N extends SettingName>(env: Env, names: readonly N[]): Settings<N> {
  const missing = missingSettings(env, names);
  if (missing.length > 0) throw new MissingSettingsError(missing);
  const settings: Partial<Record<N, string>> = {};
  for (const name of names) settings[name] = env[name]!.trim();
  return settings as Settings<N>;
}

/** Splits a comma list setting (`DIAL_ALLOWED_COUNTRIES`, `EXTENSION_ORIGINS`) into clean items. */
export function listSetting(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Lets `import { env } from 'cloudflare:workers'` (tests) see the same bindings. */
type WorkerBindings = Env;
declare global {
  namespace Cloudflare {
    interface Env extends WorkerBindings {}
  }
}
