/**
 * Odoo's two phone behaviours (addons/phone_validation):
 * - `phone_sanitized`: the first of the model's number fields that parses as a valid number for
 *   the record's country (else the company's), in E.164; `false` when none does;
 * - `phone_mobile_search`: a search on the raw fields with spaces, dots, slashes, dashes and
 *   brackets removed, where a leading `+` and `00` are alike. It compares whole strings for `=`,
 *   so a number stored in national form (`01 42 68 53 00`) is not found by its E.164 form.
 */
import { type CountryCode as LibCountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { raise } from './errors';
import { pythonTypeName } from './python-args';
import { sqlCompare } from './sql-like';

/** `PHONE_REGEX_PATTERN` of mail_thread_phone.py: `[\s\\./\(\)\-]`. */
const PHONE_NOISE = /[\s\\./()-]/g;

export function stripPhoneNoise(value: string): string {
  return value.replace(PHONE_NOISE, '');
}

/** E.164 when `raw` is a valid number (for `country` when written nationally), else `false`. */
export function sanitizePhone(raw: string | false, country: string): string | false {
  if (!raw) return false;
  const international = raw.trim().startsWith('00') ? `+${raw.trim().slice(2)}` : raw;
  const parsed = parsePhoneNumberFromString(international, country as LibCountryCode);
  return parsed?.isValid() ? parsed.number : false;
}

const NEGATIVE_OPERATORS = new Set(['!=', 'not like', 'not ilike', 'not in']);
const PHONE_SEARCH_OPERATORS = new Set([
  '=',
  '!=',
  'like',
  'ilike',
  'not like',
  'not ilike',
  '=like',
  '=ilike',
]);
const MIN_SEARCH_LENGTH = 3;

/**
 * Whether a record whose number fields hold `stored` matches `phone_mobile_search <operator>
 * value`, following `_search_phone_mobile_search` (including its SQL `NULL` handling).
 */
export function matchesPhoneMobileSearch(
  stored: readonly (string | false)[],
  operator: string,
  rawValue: unknown,
): boolean {
  const value = typeof rawValue === 'string' ? rawValue.trim() : rawValue;
  if ((value === true || !value) && (operator === '=' || operator === '!=')) {
    // "is a number set": `= False` means every number field is empty.
    const wantEmpty = (operator === '=') !== Boolean(value);
    return wantEmpty ? stored.every((number) => !number) : stored.some((number) => Boolean(number));
  }
  if (typeof value !== 'string') {
    throw raise.attributeError(`'${pythonTypeName(value)}' object has no attribute 'startswith'`);
  }
  if (value.length < MIN_SEARCH_LENGTH) {
    throw raise.userError('Please enter at least 3 characters when searching a Phone/Mobile number.');
  }
  if (!PHONE_SEARCH_OPERATORS.has(operator)) {
    throw raise.valueError(`Invalid operator ${operator} for phone_mobile_search`);
  }
  const sqlOperator = operator === '=like' ? 'like' : operator === '=ilike' ? 'ilike' : operator;
  const isLike = operator !== '=' && operator !== '!=';
  const negative = NEGATIVE_OPERATORS.has(operator);

  let candidates: string[];
  if (value.startsWith('+') || value.startsWith('00')) {
    // `+32…` also finds `0032…` and the other way round.
    const term = stripPhoneNoise(value.slice(value.startsWith('+') ? 1 : 2)) + (isLike ? '%' : '');
    candidates = [`00${term}`, `+${term}`];
  } else {
    const term = stripPhoneNoise(value);
    candidates = [isLike ? `%${term}%` : term];
  }
  const fieldMatches = (number: string | false): boolean => {
    if (!number) return negative; // `IS NULL OR …` for negative operators, `IS NOT NULL AND …` else
    const normalized = stripPhoneNoise(number);
    return candidates.some((candidate) => sqlCompare(normalized, sqlOperator, candidate));
  };
  return negative ? stored.every(fieldMatches) : stored.some(fieldMatches);
}
