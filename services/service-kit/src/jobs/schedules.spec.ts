import { cronSchedule, dailyAt, monthlyOnFirstAt, weeklyOnMondayAt } from './schedules';

const next = (timing: { nextRunAfter(now: Date): Date }, iso: string) =>
  timing.nextRunAfter(new Date(iso)).toISOString();

describe('schedules (croner, Europe/Brussels)', () => {
  it('a daily job is due at the next occurrence, strictly after now, and names its period by date', () => {
    const job = dailyAt('06:00');
    expect(job.schedule).toEqual({
      description: 'Every day at 06:00 (Europe/Brussels)',
      cron: '0 6 * * *',
      time: '06:00',
    });
    expect(next(job, '2026-11-22T04:00:00Z')).toBe('2026-11-22T05:00:00.000Z');
    expect(next(job, '2026-11-22T05:00:00Z')).toBe('2026-11-23T05:00:00.000Z');
    expect(job.periodOf(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
  });

  it('follows daylight-saving changes (summer UTC+2, winter UTC+1)', () => {
    const job = dailyAt('06:00');
    expect(next(job, '2026-03-28T12:00:00Z')).toBe('2026-03-29T04:00:00.000Z');
    expect(next(job, '2026-10-24T12:00:00Z')).toBe('2026-10-25T05:00:00.000Z');
  });

  it('a weekly job is due next Monday and names its period by ISO week', () => {
    const job = weeklyOnMondayAt('07:00');
    expect(job.schedule.cron).toBe('0 7 * * 1');
    expect(next(job, '2026-11-22T10:00:00Z')).toBe('2026-11-23T06:00:00.000Z');
    expect(next(job, '2026-11-23T06:00:00Z')).toBe('2026-11-30T06:00:00.000Z');
    expect(next(job, '2026-11-23T05:00:00Z')).toBe('2026-11-23T06:00:00.000Z');
    expect(job.periodOf(new Date('2026-11-25T12:00:00Z'))).toBe('2026-W48');
  });

  it('a monthly job is due on the 1st, with its own period and note', () => {
    const job = monthlyOnFirstAt('03:00', { periodOf: () => 'previous', note: 'for the month before' });
    expect(job.schedule).toEqual({
      description: 'On the 1st of every month at 03:00 (Europe/Brussels), for the month before',
      cron: '0 3 1 * *',
      time: '03:00',
    });
    expect(next(job, '2026-01-31T23:00:00Z')).toBe('2026-02-01T02:00:00.000Z');
    expect(next(job, '2026-02-01T02:00:00Z')).toBe('2026-03-01T02:00:00.000Z');
    expect(monthlyOnFirstAt('03:00').periodOf(new Date('2026-02-01T02:00:00Z'))).toBe('2026-02');
  });

  it('refuses a time that is not HH:MM and reads any cron expression', () => {
    expect(() => dailyAt('6h')).toThrow(/HH:MM/);
    expect(
      next(
        cronSchedule('15 0 * * *', 'x', () => 'p'),
        '2026-06-01T00:00:00Z',
      ),
    ).toBe('2026-06-01T22:15:00.000Z');
  });
});
