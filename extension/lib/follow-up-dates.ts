/**
 * Days for a wrap-up's call back (issue 13, item 6), as `YYYY-MM-DD` in the browser's own zone:
 * what the agent means by "tomorrow". The worker checks the day against their Odoo time zone.
 */

import { addDays } from '../../shared/follow-up-dates';

const pad = (value: number) => String(value).padStart(2, '0');

/** The local calendar day of `at`. */
export function localDate(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The `count`th working day (Monday to Friday) after `date`: Friday + 1 is Monday. */
export function addWorkingDays(date: string, count: number): string {
  let day = date;
  for (let left = count; left > 0; ) {
    day = addDays(day, 1);
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day;
}
