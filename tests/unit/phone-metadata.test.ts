import examples from 'libphonenumber-js/examples.mobile.json';
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { checkDialable, isKnownCountry } from '../../worker/phone';
import shipped from '../../worker/phone-metadata.json';
import { workerPhoneMetadata } from '../support/phone-metadata';

const mobileExamples = examples as Record<string, string>;

/** Numbers around each country's example: the example, one digit more or less, another ending. */
function numbersToCompare(): string[] {
  const numbers = new Set<string>();
  for (const country of getCountries()) {
    const national = mobileExamples[country];
    if (!national) continue;
    const prefix = `+${getCountryCallingCode(country)}`;
    for (const variant of [national, `${national}1`, national.slice(0, -1), `${national.slice(0, -1)}9`]) {
      numbers.add(`${prefix}${variant}`);
    }
  }
  // NANP numbers whose country is told by the area code (toll fraud to the Caribbean).
  for (const number of ['+18762345678', '+12684641234', '+12125551234', '+14165550123', '+19005550100']) {
    numbers.add(number);
  }
  return [...numbers];
}

describe('the phone metadata the worker ships', () => {
  it('is libphonenumber-js min metadata without formats, as generated (regenerate after an upgrade)', () => {
    expect(shipped).toEqual(workerPhoneMetadata());
  });

  it('validates and places every number exactly as the full min metadata does', () => {
    const countries = getCountries();
    const numbers = numbersToCompare();
    expect(numbers.length).toBeGreaterThan(800);
    for (const number of numbers) {
      const oracle = parsePhoneNumberFromString(number);
      const expected =
        oracle?.isValid() && oracle.country
          ? { ok: true, e164: oracle.number, country: oracle.country }
          : { ok: false, reason: 'invalid_number' };
      expect(checkDialable(number, countries), number).toEqual(expected);
    }
  });

  it('knows every country the full metadata knows', () => {
    for (const country of getCountries()) expect(isKnownCountry(country), country).toBe(true);
    expect(isKnownCountry('ZZ')).toBe(false);
  });
});
