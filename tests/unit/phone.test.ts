import { describe, expect, it } from 'vitest';
import { checkDialable, isKnownCountry, isValidE164 } from '../../worker/phone';

const ALLOWED = ['FR', 'BE', 'US'];

describe('dialable numbers', () => {
  it.each([
    ['+33612345678', 'FR'],
    ['+3210588558', 'BE'],
    ['+12125551234', 'US'],
  ])('%s is a valid number of an allowed country (%s)', (to, country) => {
    expect(checkDialable(to, ALLOWED)).toEqual({ ok: true, e164: to, country });
  });

  it.each([
    ['+442079460958', 'GB'],
    ['+14165550123', 'CA'],
    ['+4915112345678', 'DE'],
  ])('%s is refused: %s is not allowed', (to, country) => {
    expect(checkDialable(to, ALLOWED)).toEqual({ ok: false, reason: 'country_not_allowed', country });
  });

  it.each([
    '',
    '0612345678',
    '+33 6 12 34 56 78',
    '+33612345678 ',
    '+33(6)12345678',
    '+3361234567890123',
    '+0612345678',
    '+33612345678<Say>hi</Say>',
    '+33612345678;ext=1',
    '+336123456７８',
    '+800123456789',
    '+12345',
  ])('%j is not a dialable E.164 number', (to) => {
    expect(checkDialable(to, ALLOWED)).toEqual({ ok: false, reason: 'invalid_number' });
  });

  it('checks caller ids and country codes', () => {
    expect(isValidE164('+33140000000')).toBe(true);
    expect(isValidE164('+33 1 40 00 00 00')).toBe(false);
    expect(isKnownCountry('FR')).toBe(true);
    expect(isKnownCountry('XX')).toBe(false);
    expect(isKnownCountry('fr')).toBe(false);
  });
});
