import { addDays, instantAt, wallClockOf } from '@fidu/service-kit/domain';

/**
 * Months as the services count them: in Brussels. Around midnight on a month's last day UTC and
 * Brussels disagree on the month, so a test that took its month from UTC failed for an hour or two.
 */

/** This month in Brussels, YYYY-MM (the period a billing line made now belongs to). */
export function currentPeriod(now = new Date()): string {
  return wallClockOf(now).date.slice(0, 7);
}

/** The first day (YYYY-MM-DD) of the month after `date`'s: the monthly job bills the month before it. */
export function firstDayOfNextMonth(date: string): string {
  return `${addDays(`${date.slice(0, 7)}-28`, 4).slice(0, 7)}-01`;
}

/** Noon in Brussels on the first day of the month after `d`'s. */
export function firstOfNextMonth(d: Date): Date {
  return instantAt(firstDayOfNextMonth(wallClockOf(d).date), '12:00');
}

/** The Brussels date `offset` days from today (0: today as the services see it). */
export function businessDay(offset: number, now = new Date()): string {
  return addDays(wallClockOf(now).date, offset);
}
