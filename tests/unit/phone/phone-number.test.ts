import { describe, expect, it } from 'vitest';
import { formatAsYouType, formatInternational, toE164 } from '../../../extension/lib/phone-number';

describe('number normalisation (dial)', () => {
  it.each([
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['+32 10 588 558', 'FR', '+3210588558'],
    ['0032 10 588 558', 'FR', '+3210588558'],
    ['(813) 494-5005', 'US', '+18134945005'],
    ['+1 813 494 5005', 'FR', '+18134945005'],
    ['tel:+3210588558', 'FR', '+3210588558'],
    ['01.23.45.67.89', 'FR', '+33123456789'],
    ['+33 1 23 45 67 89 ext. 12', 'FR', '+33123456789'],
    // Fictional 555 numbers are "possible", and the worker checks the destination anyway.
    ['+1 555 010 0199', 'FR', '+15550100199'],
  ])('reads %s with default country %s as %s', (raw, country, e164) => {
    expect(toE164(raw, country)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['hello', 'invalid'],
    ['12', 'invalid'],
    ['+33 6 12 34 56 78 99 99', 'invalid'],
    ['call me maybe 0612345678', 'invalid'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(toE164(raw, 'FR')).toEqual({ ok: false, reason });
  });

  it('ignores an unknown default country rather than guessing', () => {
    expect(toE164('0612345678', 'XX')).toEqual({ ok: false, reason: 'invalid' });
    expect(toE164('+33612345678', 'XX')).toEqual({ ok: true, e164: '+33612345678' });
  });
});

describe('formatting', () => {
  it('formats as the agent types with the default country', () => {
    expect(formatAsYouType('0612', 'FR')).toBe('06 12');
    expect(formatAsYouType('0612345678', 'FR')).toBe('06 12 34 56 78');
    expect(formatAsYouType('+3210588', 'FR')).toBe('+32 10 58 8');
    expect(formatAsYouType('8134945005', 'US')).toBe('(813) 494-5005');
  });

  it('shows E.164 numbers in international format', () => {
    expect(formatInternational('+33612345678')).toBe('+33 6 12 34 56 78');
    expect(formatInternational('client:odoo_7')).toBe('client:odoo_7');
  });
});
