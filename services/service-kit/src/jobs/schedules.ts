import { Cron } from 'croner';
import { BUSINESS_TIME_ZONE, isoWeekOf, wallClockOf } from './brussels-time';
import type { ScheduledJob } from './scheduler';

/** When a job is due and which period a run covers: what a ScheduledJob adds to its work. */
export type JobTiming = Pick<ScheduledJob, 'schedule' | 'nextRunAfter' | 'periodOf'>;

/**
 * The one schedule calculator: a five-field cron expression read in Europe/Brussels by croner
 * (daylight-saving changes included: a time that does not exist that night runs an hour later).
 * `description` says it in words; `periodOf` names what one run covers (once per period).
 */
export function cronSchedule(cron: string, description: string, periodOf: (now: Date) => string): JobTiming {
  const timer = new Cron(cron, { timezone: BUSINESS_TIME_ZONE, paused: true });
  const [minute = '0', hour = '0'] = cron.split(/\s+/);
  return {
    schedule: {
      description: `${description} (${BUSINESS_TIME_ZONE})`,
      cron,
      time: `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`,
    },
    periodOf,
    nextRunAfter: (now) => {
      const next = timer.nextRun(now);
      if (!next) throw new Error(`the schedule ${cron} has no run after ${now.toISOString()}`);
      return next;
    },
  };
}

function hourAndMinute(time: string): [number, number] {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`a job time is HH:MM, not ${time}`);
  return [Number(match[1]), Number(match[2])];
}

/** Every day at a Brussels wall-clock time (HH:MM); the period is the Brussels date. */
export function dailyAt(time: string): JobTiming {
  const [hh, mm] = hourAndMinute(time);
  return cronSchedule(`${mm} ${hh} * * *`, `Every day at ${time}`, (now) => wallClockOf(now).date);
}

/** Every Monday at a Brussels wall-clock time; the period is the ISO week (one run per week). */
export function weeklyOnMondayAt(time: string): JobTiming {
  const [hh, mm] = hourAndMinute(time);
  return cronSchedule(`${mm} ${hh} * * 1`, `Every Monday at ${time}`, (now) =>
    isoWeekOf(wallClockOf(now).date),
  );
}

/**
 * On the 1st of every month at a Brussels wall-clock time; the period is the month of the run
 * (YYYY-MM) unless `periodOf` says otherwise (e.g. the month before, for invoices).
 */
export function monthlyOnFirstAt(
  time: string,
  options: { periodOf?: (now: Date) => string; note?: string } = {},
): JobTiming {
  const [hh, mm] = hourAndMinute(time);
  const timing = cronSchedule(
    `${mm} ${hh} 1 * *`,
    `On the 1st of every month at ${time}`,
    options.periodOf ?? ((now) => wallClockOf(now).date.slice(0, 7)),
  );
  if (options.note) timing.schedule.description += `, ${options.note}`;
  return timing;
}
