import {
  AsYouType,
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min';

export type E164Result = { ok: true; e164: string } | { ok: false; reason: 'empty' | 'invalid' };

/**
 * Reads a number as a person wrote it (`06 12 34 56 78`, `+32 10 588 558`, `0032…`, `tel:+33…`)
 * into E.164 with the agent's default country. "Possible" rather than "valid": libphonenumber
 * rejects some real-world ranges (and fictional test numbers) as invalid, and the worker checks
 * the destination country anyway.
 */
export function toE164(raw: string, defaultCountry: string): E164Result {
  const text = raw.replace(/^tel:/i, '').trim();
  if (text === '') return { ok: false, reason: 'empty' };
  // Letters other than an extension marker mean this is not a number at all.
  if (/[a-z]/i.test(text.replace(/\b(ext|x)\.?\s*\d+$/i, ''))) return { ok: false, reason: 'invalid' };
  const country = isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed?.isPossible()) return { ok: false, reason: 'invalid' };
  return { ok: true, e164: parsed.number };
}

/** What the popup's **Phone number** field shows while the agent types. */
export function formatAsYouType(raw: string, defaultCountry: string): string {
  const country = isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  return new AsYouType(country).input(raw);
}

/**
 * The country of a valid E.164 number, or null when libphonenumber finds it invalid or of no
 * country (+800…): the worker refuses both.
 */
export function countryOf(e164: string): string | null {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.isValid() && parsed.country ? parsed.country : null;
}

/** A number in international format for display (`+33612345678` → `+33 6 12 34 56 78`). */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
