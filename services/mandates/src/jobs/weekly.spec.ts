import { isoWeekOf, weeklyOnMondayAt } from './weekly';

describe('weekly schedule', () => {
  it('names ISO weeks, across year ends', () => {
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
  });

  it('is due next Monday at the Brussels time', () => {
    const job = weeklyOnMondayAt('07:00');
    // Sunday 22 Nov 2026 → Monday 23 Nov 07:00 Brussels (06:00 UTC)
    expect(job.nextRunAfter(new Date('2026-11-22T10:00:00Z')).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    // Monday after 07:00 → the next Monday
    expect(job.nextRunAfter(new Date('2026-11-23T06:00:00Z')).toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(job.nextRunAfter(new Date('2026-11-23T05:00:00Z')).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(job.periodOf(new Date('2026-11-25T12:00:00Z'))).toBe('2026-W48');
  });
});
