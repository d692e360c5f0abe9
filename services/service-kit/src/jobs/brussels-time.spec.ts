import { addDays, instantAt, isoWeekOf, wallClockOf } from './brussels-time';

describe('Brussels time', () => {
  it('converts wall-clock times in winter (UTC+1) and summer (UTC+2)', () => {
    expect(instantAt('2026-01-15', '06:00').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(instantAt('2026-07-15', '06:00').toISOString()).toBe('2026-07-15T04:00:00.000Z');
  });

  it('reads the Brussels date of an instant, across midnight', () => {
    expect(wallClockOf(new Date('2026-11-22T23:30:00Z')).date).toBe('2026-11-23');
  });

  it('names ISO weeks, across year ends', () => {
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
  });

  it('adds days over month ends', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
  });
});
