import { DomainError } from '../errors';
import { addDays, wallClockOf } from './brussels-time';

/**
 * How far from now an operator may set the instant a job runs for: a job run acts on real data,
 * so an instant in the year 9999 (expiring every invitation) or long past is refused, not run.
 * A year back covers re-running a missed period; 31 days ahead covers rehearsing a month's end.
 */
export const JOB_INSTANT_WINDOW = { pastDays: 365, futureDays: 31 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

const outOfWindow = (code: string, field: string, from: string) =>
  new DomainError(
    code,
    `${field} must lie between ${JOB_INSTANT_WINDOW.pastDays} days before and ${JOB_INSTANT_WINDOW.futureDays} days after ${from}.`,
    field,
  );

/** Throws `code` (field `field`) when `at` lies outside JOB_INSTANT_WINDOW around `now`. */
export function requireJobInstantInWindow(at: Date, code: string, field: string, now = new Date()): Date {
  const earliest = now.getTime() - JOB_INSTANT_WINDOW.pastDays * DAY_MS;
  const latest = now.getTime() + JOB_INSTANT_WINDOW.futureDays * DAY_MS;
  if (Number.isNaN(at.getTime()) || at.getTime() < earliest || at.getTime() > latest)
    throw outOfWindow(code, field, 'now');
  return at;
}

/**
 * The same window for a business date (YYYY-MM-DD), counted in Brussels calendar days from today:
 * on the 1st of December at 00:05 the 1st of January is 31 days ahead, although its 03:00 run is
 * 31 days and 3 hours away.
 */
export function requireBusinessDateInWindow(
  date: string,
  code: string,
  field: string,
  now = new Date(),
): string {
  const today = wallClockOf(now).date;
  if (
    date < addDays(today, -JOB_INSTANT_WINDOW.pastDays) ||
    date > addDays(today, JOB_INSTANT_WINDOW.futureDays)
  )
    throw outOfWindow(code, field, 'today (Europe/Brussels)');
  return date;
}
