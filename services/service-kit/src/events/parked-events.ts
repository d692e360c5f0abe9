import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { keyCursor, keysetSql, toConnection, type KeysetOrder } from '../paging';
import type { ReceivedRecord } from './event-bus';

/** What became of an operator's replay. */
export type ReplayResult = 'APPLIED' | 'ALREADY_APPLIED' | 'FAILED';

export interface ParkedEvent {
  id: string;
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  eventId: string | null;
  eventType: string | null;
  error: string;
  attempts: number;
  parkedAt: Date;
  replayedAt: Date | null;
  replayResult: ReplayResult | null;
  replayedBy: string | null;
}

interface Row {
  id: string;
  consumer: string;
  topic: string;
  kafka_partition: number;
  kafka_offset: string;
  message_key: string;
  payload: Buffer;
  headers: Record<string, string>;
  event_id: string | null;
  event_type: string | null;
  error: string;
  attempts: number;
  parked_at: Date;
  replayed_at: Date | null;
  replay_result: ReplayResult | null;
  replayed_by: string | null;
}

const COLUMNS = `id, consumer, topic, kafka_partition, kafka_offset::text AS kafka_offset, message_key, payload,
  headers, event_id, event_type, error, attempts, parked_at, replayed_at, replay_result, replayed_by`;

function toParkedEvent(r: Row): ParkedEvent {
  return {
    id: r.id,
    consumer: r.consumer,
    topic: r.topic,
    partition: r.kafka_partition,
    offset: r.kafka_offset,
    key: r.message_key,
    value: r.payload,
    headers: r.headers,
    eventId: r.event_id,
    eventType: r.event_type,
    error: r.error,
    attempts: r.attempts,
    parkedAt: r.parked_at,
    replayedAt: r.replayed_at,
    replayResult: r.replay_result,
    replayedBy: r.replayed_by,
  };
}

/** Errors are stored for people to read: the message, bounded, never a whole payload. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/** Parks a record (once per consumer and Kafka position: a redelivery updates the same row). */
export async function parkRecord(
  ds: DataSource,
  consumer: string,
  record: ReceivedRecord,
  failure: { error: unknown; attempts: number; eventId?: string; eventType?: string },
): Promise<string> {
  const [row]: { id: string }[] = await ds.query(
    `INSERT INTO parked_event (id, consumer, topic, kafka_partition, kafka_offset, message_key, payload, headers,
       event_id, event_type, error, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (consumer, topic, kafka_partition, kafka_offset)
       DO UPDATE SET error = EXCLUDED.error, attempts = parked_event.attempts + EXCLUDED.attempts
     RETURNING id`,
    [
      randomUUID(),
      consumer,
      record.topic,
      record.partition,
      record.offset,
      record.key,
      Buffer.from(record.value),
      JSON.stringify(record.headers),
      failure.eventId ?? null,
      failure.eventType ?? null,
      describeError(failure.error),
      failure.attempts,
    ],
  );
  return row!.id;
}

/** Parked events not (successfully) replayed yet. */
export async function countPendingParkedEvents(ds: DataSource): Promise<number> {
  const [row]: { n: number }[] = await ds.query(
    `SELECT count(*)::int AS n FROM parked_event WHERE replayed_at IS NULL`,
  );
  return row?.n ?? 0;
}

export interface ParkedEventPage {
  nodes: ParkedEvent[];
  totalCount: number;
  pendingCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Oldest first, keyset-paged on (parked_at, id). */
const PARKED_ORDER: KeysetOrder<ParkedEvent> = {
  columns: ['parked_at', 'id'],
  kinds: ['timestamp', 'uuid'],
  direction: 'ASC',
  positionOf: (event) => [event.parkedAt, event.id],
};

export async function listParkedEvents(
  ds: DataSource,
  page: { first: number; after?: string | null },
): Promise<ParkedEventPage> {
  const params: unknown[] = [page.first + 1];
  const keyset = keysetSql(PARKED_ORDER, page.after, params);
  const rows: Row[] = await ds.query(
    `SELECT ${COLUMNS} FROM parked_event ${keyset.where ? `WHERE ${keyset.where}` : ''} ORDER BY ${keyset.orderBy} LIMIT $1`,
    params,
  );
  const [counts]: { total: number; pending: number }[] = await ds.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE replayed_at IS NULL)::int AS pending FROM parked_event`,
  );
  const { nodes, pageInfo } = toConnection(rows.map(toParkedEvent), {
    first: page.first,
    cursorOf: keyCursor(PARKED_ORDER.positionOf),
  });
  return {
    nodes,
    totalCount: counts?.total ?? 0,
    pendingCount: counts?.pending ?? 0,
    ...pageInfo,
  };
}

export async function findParkedEvent(ds: DataSource, id: string): Promise<ParkedEvent | undefined> {
  const rows: Row[] = await ds.query(`SELECT ${COLUMNS} FROM parked_event WHERE id = $1`, [id]);
  return rows[0] && toParkedEvent(rows[0]);
}

/** Records a replay's outcome: a success marks the row replayed, a failure keeps it pending with the new error. */
export async function recordReplay(
  ds: DataSource,
  id: string,
  outcome: { result: ReplayResult; by: string; error?: unknown },
): Promise<void> {
  if (outcome.result === 'FAILED') {
    await ds.query(
      `UPDATE parked_event SET replay_result = 'FAILED', replayed_by = $2, error = $3, attempts = attempts + 1
        WHERE id = $1`,
      [id, outcome.by, describeError(outcome.error)],
    );
    return;
  }
  await ds.query(
    `UPDATE parked_event SET replay_result = $2, replayed_by = $3, replayed_at = now() WHERE id = $1`,
    [id, outcome.result, outcome.by],
  );
}
