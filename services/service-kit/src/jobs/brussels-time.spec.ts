import { addDays, dailyAt, instantAt, wallClockOf } from './brussels-time';

describe('Brussels time', () => {
  it('converts wall-clock times in winter (UTC+1) and summer (UTC+2)', () => {
    expect(instantAt('2026-01-15', '06:00').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(instantAt('2026-07-15', '06:00').toISOString()).toBe('2026-07-15T04:00:00.000Z');
  });

  it('reads the Brussels date of an instant, across midnight', () => {
    expect(wallClockOf(new Date('2026-11-22T23:30:00Z')).date).toBe('2026-11-23');
  });

  it('schedules a daily job at the next occurrence and names its period by date', () => {
    const job = dailyAt('06:00');
    expect(job.nextRunAfter(new Date('2026-11-22T04:00:00Z')).toISOString()).toBe('2026-11-22T05:00:00.000Z');
    expect(job.nextRunAfter(new Date('2026-11-22T05:00:00Z')).toISOString()).toBe('2026-11-23T05:00:00.000Z');
    expect(job.periodOf(new Date('2026-11-22T05:00:00Z'))).toBe('2026-11-22');
  });

  it('adds days over month ends', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
  });
});
