/** A google.protobuf.Timestamp init (proto-events has the codec; the wkt helpers are not our dependency). */
export function timestampFromDate(d: Date): { seconds: bigint; nanos: number } {
  const ms = d.getTime();
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: (((ms % 1000) + 1000) % 1000) * 1_000_000 };
}
