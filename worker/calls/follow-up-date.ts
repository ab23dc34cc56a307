/**
 * The day a wrap-up's call back is due (issue 13, item 6): a calendar date `YYYY-MM-DD` as the
 * agent reads it, in their Odoo time zone (Odoo's `date_deadline` is a date, not an instant).
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

/** Why the date cannot be a call back's, seen from the agent's `today`; null when it can. */
export function followUpDateProblem(
  date: string,
  today: string,
  timeZone: string,
): { problem: 'too_early' | 'too_late'; message: string } | null {
  if (date < today) {
    return {
      problem: 'too_early',
      message: `The call-back date ${date} is in the past (today is ${today} in ${timeZone}): pick today or a later day.`,
    };
  }
  const latest = addDays(today, MAX_FOLLOW_UP_DAYS);
  if (date > latest) {
    return {
      problem: 'too_late',
      message: `The call-back date ${date} is more than a year away: pick a day until ${latest}.`,
    };
  }
  return null;
}

/** The agent's Odoo time zone if this runtime knows it, else UTC (as their note times read). */
export function knownZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
