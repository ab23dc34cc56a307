/**
 * Phone numbers the worker dials or checks: strict E.164 in, a country out. Uses the `/min`
 * metadata of libphonenumber-js (country and number rules for every country) without its
 * formatting rules, which the worker never uses (phone-metadata.json, made by
 * tests/support/phone-metadata.ts: ~10 KiB gzip instead of ~19): all a toll-fraud guard needs.
 */
import {
  type CountryCode,
  isSupportedCountry as isSupportedCountryIn,
  type MetadataJson,
  parsePhoneNumberFromString as parseWith,
} from 'libphonenumber-js/core';
import metadataJson from './phone-metadata.json';

const metadata = metadataJson as unknown as MetadataJson;
const parsePhoneNumberFromString = (text: string) => parseWith(text, metadata);
const isSupportedCountry = (code: string) => isSupportedCountryIn(code as CountryCode, metadata);

/** `+`, a non-zero digit, then at most 14 more digits: nothing else (no spaces, no letters). */
const E164 = /^\+[1-9]\d{1,14}$/;

export type DialCheck =
  | { ok: true; e164: string; country: string }
  | { ok: false; reason: 'invalid_number' }
  | { ok: false; reason: 'country_not_allowed'; country: string };

/** Whether `to` is a valid E.164 number of a country in `allowedCountries` (ISO codes, upper case). */
export function checkDialable(to: string, allowedCountries: readonly string[]): DialCheck {
  if (!E164.test(to)) return { ok: false, reason: 'invalid_number' };
  const parsed = parsePhoneNumberFromString(to);
  // Non-geographic numbers (+800, +883…) have no country: never in an allow-list of countries.
  if (!parsed?.isValid() || !parsed.country) return { ok: false, reason: 'invalid_number' };
  if (!allowedCountries.includes(parsed.country)) {
    return { ok: false, reason: 'country_not_allowed', country: parsed.country };
  }
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** Whether a number is a valid E.164 phone number (e.g. `TWILIO_CALLER_ID`). */
export function isValidE164(value: string): boolean {
  return E164.test(value) && parsePhoneNumberFromString(value)?.isValid() === true;
}

/** Whether an ISO 3166 code is a country libphonenumber knows (so it can ever match a number). */
export function isKnownCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}
