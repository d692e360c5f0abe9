import { addDays, instantAt, wallClockOf, type ScheduledJob } from '@fidu/service-kit';

/** ISO-8601 week of a date (YYYY-MM-DD), e.g. 2026-W48. */
export function isoWeekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week names its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A job due every Monday at a Brussels wall-clock time; its period is the ISO week (one run per week). */
export function weeklyOnMondayAt(time: string): Pick<ScheduledJob, 'nextRunAfter' | 'periodOf' | 'schedule'> {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return {
    schedule: { description: `Every Monday at ${time} (Europe/Brussels)`, cron: `${mm} ${hh} * * 1`, time },
    periodOf: (now) => isoWeekOf(wallClockOf(now).date),
    nextRunAfter: (now) => {
      const today = wallClockOf(now).date;
      const [y, m, d] = today.split('-').map(Number) as [number, number, number];
      const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
      for (let ahead = (8 - weekday) % 7; ; ahead += 7) {
        const candidate = instantAt(addDays(today, ahead), time);
        if (candidate > now) return candidate;
      }
    },
  };
}
