import { describe, expect, it } from 'vitest';
import {
  foundInText,
  isDialable,
  looksLikePhoneNumber,
  numberFromTelHref,
  sameNumber,
  tidy,
} from '../../../extension/content/phone-text';

describe('reading numbers as Odoo shows them', () => {
  it('tidies spaces, including no-break spaces, the way the page looks', () => {
    expect(tidy('  +32\u00a010   588 558\n')).toBe('+32 10 588 558');
  });

  it('takes field text with 3 to 20 digits as a number, and nothing else', () => {
    expect(foundInText(' +32 10 588 558 ')).toEqual({ number: '+32 10 588 558', display: '+32 10 588 558' });
    expect(foundInText('204')).toEqual({ number: '204', display: '204' });
    expect(foundInText('')).toBeNull();
    expect(foundInText('N/A')).toBeNull();
    expect(foundInText('12')).toBeNull();
    expect(isDialable('1'.repeat(21))).toBe(false);
  });

  it('reads tel: targets, decoded, without URI parameters', () => {
    expect(numberFromTelHref('tel:+3210588558')).toBe('+3210588558');
    expect(numberFromTelHref('tel:+32%2010%20588%20558')).toBe('+32 10 588 558');
    expect(numberFromTelHref('TEL:0470123456;phone-context=+32')).toBe('0470123456');
    expect(numberFromTelHref('tel:%E0%A4%A')).toBe('%E0%A4%A');
  });
});

describe('recognising free text as a phone number (Odoo 16 kanban cards)', () => {
  it.each([
    '+32 10 588 558',
    '0470 12 34 56',
    '01.25.54.45.69',
    '(813) 494-5005',
    '+1 555-349-3010',
    '0032 10 588 558',
  ])('%s is a number', (text) => {
    expect(looksLikePhoneNumber(text)).toBe(true);
  });

  it.each([
    '$ 22,500.00',
    '05.03.2024',
    '05/03/2024',
    '2024-0042',
    '1200000',
    '813-494-5005',
    '+32 10',
    'Office Design Project',
    '0 1 2',
  ])('%s is not', (text) => {
    expect(looksLikePhoneNumber(text)).toBe(false);
  });
});

describe('comparing numbers across formats (the page shows national ones, the phone holds E.164)', () => {
  it.each([
    ['+32 10 588 558', '+3210588558'],
    ['010 58 85 58', '+3210588558'],
    ['0032 10 588 558', '+3210588558'],
    ['01 25 54 45 69', '+33125544569'],
    ['(813) 494-5005', '+18134945005'],
    ['06 1234 5678', '+390612345678'],
  ])('%s is the same line as %s', (page, e164) => {
    expect(sameNumber(page, e164)).toBe(true);
    expect(sameNumber(e164, page)).toBe(true);
  });

  it.each([
    ['+32 10 588 558', '+33 10 588 558'],
    ['+3210588558', '+3210588559'],
    ['204', '+3210588204'],
    ['', '+3210588558'],
  ])('%s is not %s', (a, b) => {
    expect(sameNumber(a, b)).toBe(false);
  });
});
