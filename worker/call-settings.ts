/**
 * Optional settings that tune call logging and inbound routing, each with a default. A value
 * that is not a whole number within bounds is ignored (the default applies) so that calls keep
 * working; `CALL_SETTING_BOUNDS` lets /health say which one is wrong.
 */
import type { Env } from './env';
import { type Language, languageOf } from './language';

export const CALL_SETTING_BOUNDS = {
  WRAP_UP_WINDOW_SECONDS: { min: 0, max: 3600, default: 180 },
  OWNER_RING_SECONDS: { min: 5, max: 120, default: 20 },
  CALLER_LOOKUP_BUDGET_MS: { min: 100, max: 10_000, default: 1500 },
  ODOO_RETRY_SECONDS: { min: 1, max: 600, default: 10 },
} as const;

export type CallSettingName = keyof typeof CALL_SETTING_BOUNDS;

/** The setting's value, or null when it is set but not a whole number within bounds. */
export function parseCallSetting(name: CallSettingName, value: string | undefined): number | null {
  const { min, max } = CALL_SETTING_BOUNDS[name];
  const text = value?.trim() ?? '';
  if (text === '') return CALL_SETTING_BOUNDS[name].default;
  if (!/^\d{1,6}$/.test(text)) return null;
  const number = Number(text);
  return number >= min && number <= max ? number : null;
}

export function callSetting(env: Env, name: CallSettingName): number {
  return parseCallSetting(name, env[name]) ?? CALL_SETTING_BOUNDS[name].default;
}

/** `COMPANY_LANGUAGE`: what callers hear, and the language of notes no agent wrote. */
export function companyLanguage(env: Env): Language {
  return languageOf(env.COMPANY_LANGUAGE?.trim());
}
