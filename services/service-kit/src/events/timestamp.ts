import { timestampDate, timestampFromDate as wktTimestampFromDate } from '@bufbuild/protobuf/wkt';

/** A google.protobuf.Timestamp as events carry it (seconds since the epoch, nanos 0..999 999 999). */
export interface TimestampInit {
  seconds: bigint;
  nanos: number;
}

/**
 * An instant as a google.protobuf.Timestamp, by @bufbuild/protobuf: seconds round down and nanos
 * stay positive, so instants before 1970 are right too (1969-12-31T23:59:59.5Z is -1 s + 0.5 s).
 */
export function timestampFromDate(date: Date): TimestampInit {
  const { seconds, nanos } = wktTimestampFromDate(date);
  return { seconds, nanos };
}

/** The instant a google.protobuf.Timestamp stands for (millisecond precision, as Date has). */
export function dateFromTimestamp(timestamp: TimestampInit): Date {
  return timestampDate({ $typeName: 'google.protobuf.Timestamp', ...timestamp });
}
