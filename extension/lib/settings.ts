import { isSupportedCountry } from 'libphonenumber-js/min';
import {
  DEFAULT_AUDIO_DEVICE,
  type EffectiveSettings,
  POLICY_KEYS,
  type PolicyKey,
  SCREEN_POP_MODES,
  SETTINGS_KEY,
  type Settings,
} from '../../shared/settings';
import { toOrigin } from '../build-inputs';
import { BUILD_INFO } from './build-defaults';
import { preferredLanguages } from './i18n';
import { readItem, readPolicy } from './storage';

/** Country for a UI language without a region (`fr` → FR). */
const LANGUAGE_COUNTRIES: Record<string, string> = {
  fr: 'FR',
  en: 'US',
  de: 'DE',
  es: 'ES',
  it: 'IT',
  nl: 'NL',
  pt: 'PT',
};

function regionOf(language: string): string | null {
  const region = (language.split(/[-_]/)[1] ?? '').toUpperCase();
  return region && isSupportedCountry(region) ? region : null;
}

/**
 * The first-run default country from the browser's languages, most preferred first: the most
 * preferred language's region (`fr-BE` → BE), else the region of another entry of that same
 * language (`['fr', 'fr-CH']` → CH), else that language's country (`fr` → FR). Regions of other
 * languages are not taken: a French user whose Chrome speaks `en-US` is not in the United States.
 * The project's home country when nothing fits.
 */
export function countryForLanguage(languages: string | readonly string[]): string {
  const list = typeof languages === 'string' ? [languages] : languages;
  const base = (language: string) => (language.split(/[-_]/)[0] ?? '').toLowerCase();
  const primary = list[0] ?? '';
  const sameLanguage = list.filter((language) => base(language) === base(primary));
  for (const language of sameLanguage) {
    const region = regionOf(language);
    if (region) return region;
  }
  return LANGUAGE_COUNTRIES[base(primary)] ?? 'FR';
}

export function defaultSettings(
  build: { workerUrl: string; odooOrigins: string[] },
  languages: string | readonly string[],
): Settings {
  const concreteOdoo = build.odooOrigins.find((origin) => !origin.includes('*'));
  return {
    workerUrl: build.workerUrl,
    odooUrl: concreteOdoo ?? '',
    defaultCountry: countryForLanguage(languages),
    screenPop: 'off',
    audio: {
      inputDeviceId: DEFAULT_AUDIO_DEVICE,
      outputDeviceId: DEFAULT_AUDIO_DEVICE,
      ringtoneDeviceId: DEFAULT_AUDIO_DEVICE,
    },
    insights: true,
    availability: 'available',
  };
}

/** A problem with one field of a settings patch. `message` is a locale key. */
export interface SettingsProblem {
  field: keyof Settings;
  message: 'errorInvalidUrl' | 'errorInvalidCountry' | 'errorInvalidValue' | 'errorLockedByPolicy';
}

/**
 * Checks and normalises a patch (URLs become origins, countries upper case). Returns the clean
 * patch or the problems; a patch with any problem changes nothing.
 */
export function validateSettingsPatch(
  patch: Partial<Settings>,
  locked: readonly PolicyKey[],
): { ok: true; patch: Partial<Settings> } | { ok: false; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const clean: Partial<Settings> = {};
  for (const key of POLICY_KEYS) {
    if (key in patch && locked.includes(key)) problems.push({ field: key, message: 'errorLockedByPolicy' });
  }
  if (patch.workerUrl !== undefined) {
    const origin = httpOrigin(patch.workerUrl);
    if (origin === null) problems.push({ field: 'workerUrl', message: 'errorInvalidUrl' });
    else clean.workerUrl = origin;
  }
  if (patch.odooUrl !== undefined) {
    const origin = patch.odooUrl.trim() === '' ? '' : httpOrigin(patch.odooUrl);
    if (origin === null || origin.includes('*'))
      problems.push({ field: 'odooUrl', message: 'errorInvalidUrl' });
    else clean.odooUrl = origin;
  }
  if (patch.defaultCountry !== undefined) {
    const country = patch.defaultCountry.trim().toUpperCase();
    if (!isSupportedCountry(country))
      problems.push({ field: 'defaultCountry', message: 'errorInvalidCountry' });
    else clean.defaultCountry = country;
  }
  if (patch.screenPop !== undefined) {
    if (!SCREEN_POP_MODES.includes(patch.screenPop))
      problems.push({ field: 'screenPop', message: 'errorInvalidValue' });
    else clean.screenPop = patch.screenPop;
  }
  if (patch.audio !== undefined) {
    const { inputDeviceId, outputDeviceId, ringtoneDeviceId } = patch.audio;
    if (
      ![inputDeviceId, outputDeviceId, ringtoneDeviceId].every((id) => typeof id === 'string' && id !== '')
    ) {
      problems.push({ field: 'audio', message: 'errorInvalidValue' });
    } else clean.audio = { inputDeviceId, outputDeviceId, ringtoneDeviceId };
  }
  if (patch.insights !== undefined) {
    if (typeof patch.insights !== 'boolean')
      problems.push({ field: 'insights', message: 'errorInvalidValue' });
    else clean.insights = patch.insights;
  }
  if (patch.availability !== undefined) {
    if (patch.availability !== 'available' && patch.availability !== 'dnd') {
      problems.push({ field: 'availability', message: 'errorInvalidValue' });
    } else clean.availability = patch.availability;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, patch: clean };
}

function httpOrigin(input: string): string | null {
  try {
    return toOrigin(input);
  } catch {
    return null;
  }
}

/**
 * Stored settings over the defaults, then policy over both. A policy value that is not usable
 * (wrong type, not a URL) is ignored rather than trusted, and the field stays editable.
 */
export function resolveSettings(
  defaults: Settings,
  stored: Partial<Settings> | undefined,
  policy: Record<string, unknown>,
): EffectiveSettings {
  const merged: Settings = { ...defaults, ...stored, audio: { ...defaults.audio, ...stored?.audio } };
  const locked: PolicyKey[] = [];
  for (const key of POLICY_KEYS) {
    const value = policy[key];
    if (typeof value !== 'string') continue;
    const checked = validateSettingsPatch({ [key]: value }, []);
    if (checked.ok && checked.patch[key] !== undefined) {
      merged[key] = checked.patch[key];
      locked.push(key);
    }
  }
  return { ...merged, locked };
}

export async function readEffectiveSettings(): Promise<EffectiveSettings> {
  const [stored, policy] = await Promise.all([readItem('local', SETTINGS_KEY), readPolicy()]);
  return resolveSettings(defaultSettings(BUILD_INFO, preferredLanguages()), stored, policy);
}
