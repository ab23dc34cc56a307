/**
 * Days for a wrap-up's call back (issue 13, item 6), as `YYYY-MM-DD` in the browser's own zone:
 * what the agent means by "tomorrow". The worker checks the day against their Odoo time zone.
 */

/** How far ahead the worker takes a call back (worker/calls/follow-up-date.ts). */
export const MAX_FOLLOW_UP_DAYS = 366;

const pad = (value: number) => String(value).padStart(2, '0');

/** The local calendar day of `at`. */
export function localDate(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function parts(date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

export function addDays(date: string, days: number): string {
  const next = parts(date);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/** The `count`th working day (Monday to Friday) after `date`: Friday + 1 is Monday. */
export function addWorkingDays(date: string, count: number): string {
  let day = date;
  for (let left = count; left > 0; ) {
    day = addDays(day, 1);
    const weekday = parts(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day;
}
