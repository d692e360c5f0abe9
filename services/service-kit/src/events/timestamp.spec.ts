import { dateFromTimestamp, timestampFromDate } from './timestamp';

describe('protobuf timestamps', () => {
  it.each([
    ['2026-03-29T01:30:00.123Z', 1774747800n, 123_000_000],
    ['1970-01-01T00:00:00.000Z', 0n, 0],
    ['1969-12-31T23:59:59.500Z', -1n, 500_000_000],
    ['1950-06-15T12:00:00.001Z', -616852800n, 1_000_000],
  ])('%s ↔ seconds %s, nanos %s (right before 1970 too)', (iso, seconds, nanos) => {
    const date = new Date(iso);
    expect(timestampFromDate(date)).toEqual({ seconds, nanos });
    expect(dateFromTimestamp({ seconds, nanos }).toISOString()).toBe(iso);
  });
});
