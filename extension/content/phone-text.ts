/**
 * Reading phone numbers as Odoo shows them. No phone library: Odoo marks its phone fields, so the
 * content script only needs to tidy what it finds and compare numbers; the background normalises
 * to E.164 with the configured default country.
 */

/** A number found on the page: what to dial and how the page shows it. */
export interface FoundNumber {
  /** Sent as `dial.number`: the `tel:` target when there is one, else the text as shown. */
  number: string;
  /** The number exactly as the page shows it (collapsed spaces): the button's accessible name. */
  display: string;
}

/** Short internal extensions (3 digits) are still worth a button; more than 20 digits is not a number. */
const MIN_DIGITS = 3;
const MAX_DIGITS = 20;

export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** Collapses runs of whitespace (incl. no-break spaces) so labels read the way the page looks. */
export function tidy(text: string): string {
  const trimmed = text.trim();
  // Most text is already tidy: skip the replace (this runs for every number on big lists).
  return /\s\s|[^\S ]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

function countDigits(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

/** Whether text taken from a phone field is a number at all (not empty, not "N/A"). */
export function isDialable(text: string): boolean {
  const count = countDigits(text);
  return count >= MIN_DIGITS && count <= MAX_DIGITS;
}

/** Text of a phone field (input value, cell, link) as a FoundNumber, or null when it holds no number. */
export function foundInText(text: string): FoundNumber | null {
  const display = tidy(text);
  return isDialable(display) ? { number: display, display } : null;
}

/** `tel:+32%2010%20588%20558` → `+32 10 588 558`; drops `tel:` URI parameters such as `;phone-context=`. */
export function numberFromTelHref(href: string): string {
  const target = href.replace(/^tel:/i, '').split(';')[0] ?? '';
  try {
    return tidy(decodeURIComponent(target));
  } catch {
    return tidy(target);
  }
}

/**
 * Free text that is shaped like a phone number, for places Odoo does not mark (Odoo 16 kanban
 * cards render plain fields as bare spans). Deliberately strict: only phone characters, 8 to 15
 * digits, starting the way written numbers start (`+`, `0`, `(`), and not a date.
 * `813-494-5005` (no prefix) is missed on purpose: amounts and references look the same.
 */
export function looksLikePhoneNumber(text: string): boolean {
  const value = tidy(text);
  if (!/^[+0(][\d\s().-]+$/.test(value)) return false;
  if (/^\d{1,4}[.-]\d{1,2}[.-]\d{1,4}$/.test(value)) return false;
  const count = countDigits(value);
  return count >= 8 && count <= 15;
}

/**
 * The digits that identify a number whatever the format: international numbers (`+…`, `00…`)
 * keep their country code, national ones lose their trunk `0`, so `+32 10 588 558`,
 * `0032 10 588 558` and `010 58 85 58` all end the same way.
 */
function significantDigits(text: string): { digits: string; international: boolean } {
  const digits = digitsOf(text);
  if (text.trim().startsWith('+')) return { digits, international: true };
  if (digits.startsWith('00')) return { digits: digits.slice(2), international: true };
  return { digits: digits.replace(/^0/, ''), international: false };
}

/** Shorter suffixes than this match too many numbers by chance. */
const MIN_SUFFIX = 6;

/**
 * Whether two numbers, each in whatever format the page or the phone uses, are the same line.
 * The page shows national formats while the phone state holds E.164, so a national number
 * matches an international one when it is the end of it.
 */
export function sameNumber(a: string, b: string): boolean {
  const left = significantDigits(a);
  const right = significantDigits(b);
  if (left.international && right.international) return left.digits === right.digits;
  const [shorter, longer] =
    left.digits.length <= right.digits.length ? [left.digits, right.digits] : [right.digits, left.digits];
  return shorter.length >= MIN_SUFFIX && longer.endsWith(shorter);
}
