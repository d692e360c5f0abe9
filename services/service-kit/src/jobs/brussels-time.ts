/** Business time zone of the platform: business dates and job schedules are in Brussels time. */
export const BUSINESS_TIME_ZONE = 'Europe/Brussels';

/** Wall-clock parts of an instant in a time zone. */
export function wallClockOf(instant: Date, timeZone = BUSINESS_TIME_ZONE) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The instant at which the wall clock of `timeZone` shows `date` (YYYY-MM-DD) at `hh:mm`. */
export function instantAt(date: string, time: string, timeZone = BUSINESS_TIME_ZONE): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // Offset of the zone around that moment (DST-aware); two passes settle the DST edges.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const wall = wallClockOf(new Date(guess), timeZone);
    const [wy, wm, wd] = wall.date.split('-').map(Number) as [number, number, number];
    const shownAsUtc = Date.UTC(wy, wm - 1, wd, wall.hour, wall.minute);
    guess += asUtc - shownAsUtc;
  }
  return new Date(guess);
}

/** YYYY-MM-DD plus n calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO-8601 week of a date (YYYY-MM-DD), e.g. 2026-W48: the period of a weekly job. */
export function isoWeekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week names its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
