/**
 * The day a wrap-up's call back is due (issue 13, item 6): a calendar date `YYYY-MM-DD` as the
 * agent reads it, in their Odoo time zone (Odoo's `date_deadline` is a date, not an instant).
 */
import { addDays, MAX_FOLLOW_UP_DAYS } from '../../shared/follow-up-dates';

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
