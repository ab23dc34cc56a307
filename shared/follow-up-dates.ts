/**
 * Calendar days of a wrap-up's call back (issue 13, item 6), `YYYY-MM-DD`: a date, not an
 * instant, as Odoo's `date_deadline` is. The popup proposes them, the worker checks them.
 */

/** How far ahead a call back may be: beyond a year it is a wish, not a next step. */
export const MAX_FOLLOW_UP_DAYS = 366;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a day that exists, e.g. not `2026-02-30`. */
export function isCalendarDate(text: string): boolean {
  const parts = DATE_PATTERN.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The day `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
