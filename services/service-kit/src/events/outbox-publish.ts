import type { DataSource, EntityManager } from 'typeorm';
import { startPublishTrace } from '../observability/event-tracing';
import type { EventBus } from './event-bus';

/** Rows read per SELECT unless told otherwise. */
export const DEFAULT_BATCH_SIZE = 1_000;

/**
 * Bytes of records per producer send, counted from above (payload, key, headers as JSON text, a
 * record's overhead and the traceparent header): the broker refuses a partition's record batch
 * over its message.max.bytes (1 MB by default), and a send's records may all share one partition.
 */
export const MAX_SEND_BYTES = 900_000;
const RECORD_OVERHEAD_BYTES = 100;

/**
 * Rows per transaction: one commit (a WAL flush) for many sends, while the row locks and the relay
 * lock are held for a second or two at most.
 */
const MAX_ROWS_PER_TRANSACTION = 20_000;

/** The advisory lock key held by the replica that relays (an arbitrary constant of this kit). */
const RELAY_LOCK = 7_011_001;

interface PendingRow {
  /** Publication order, and what the marks go by (an int8: a string here). */
  seq: string;
  topic: string;
  message_key: string;
  payload: Buffer;
  /** The jsonb as text: parsed here, and its length bounds the headers' bytes. */
  headers: string;
  traceparent: string | null;
}

/** Consecutive rows of one send, with their headers parsed. */
interface Send {
  rows: PendingRow[];
  headers: Record<string, string>[];
}

/** Cuts rows (in order) into sends of at most MAX_SEND_BYTES; a larger row goes alone. */
function cutIntoSends(rows: PendingRow[]): Send[] {
  const sends: Send[] = [];
  let current: Send = { rows: [], headers: [] };
  let bytes = 0;
  for (const row of rows) {
    const size =
      row.payload.length +
      Buffer.byteLength(row.message_key) +
      Buffer.byteLength(row.headers) +
      RECORD_OVERHEAD_BYTES;
    if (current.rows.length > 0 && bytes + size > MAX_SEND_BYTES) {
      sends.push(current);
      current = { rows: [], headers: [] };
      bytes = 0;
    }
    current.rows.push(row);
    current.headers.push(JSON.parse(row.headers) as Record<string, string>);
    bytes += size;
  }
  if (current.rows.length > 0) sends.push(current);
  return sends;
}

/**
 * The rows' seqs as one int8[] literal (the driver escapes no element). Marks go by seq, not id:
 * outbox_pending_idx (seq, where unsent) finds them and the SELECT need not return the ids
 * (measured: a tenth less database CPU than marking by primary key).
 */
const seqArray = (rows: PendingRow[]) => `{${rows.map((r) => r.seq).join(',')}}`;

/** One producer send, with one producer span per row, each in the trace of the request that wrote it. */
async function send(bus: EventBus, { rows, headers }: Send): Promise<void> {
  const traces = rows.map((r, i) =>
    startPublishTrace({ topic: r.topic, headers: headers[i]! }, r.traceparent),
  );
  try {
    await bus.publish(
      rows.map((r, i) => ({
        topic: r.topic,
        key: r.message_key,
        value: r.payload,
        headers: traces[i]!.headers,
      })),
    );
  } catch (error) {
    traces.forEach((t) => t.end(error));
    throw error;
  }
  traces.forEach((t) => t.end());
}

/**
 * The transaction's statements one after the other (the driver is not to queue them itself), each
 * sent as soon as the one before is done, without waiting for the caller to need its result: a
 * read or a mark runs while a send is with Kafka. Rejections are kept for whoever awaits them.
 */
function statementQueue(em: EntityManager) {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    query<T>(sql: string, params: unknown[]): Promise<T> {
      const result = tail.then(() => em.query(sql, params) as Promise<T>);
      tail = result.catch(() => undefined);
      result.catch(() => undefined); // awaited later, not unhandled meanwhile
      return result;
    },
    /** Resolves once every statement queued so far is done (failed or not). */
    drained: () => tail,
  };
}

export interface PublishOutcome {
  /** The topic of each row published and marked sent (committed when this resolves). */
  published: string[];
  /** A send that failed: its rows were marked with the error, the rows after it left pending. */
  failure?: unknown;
}

/**
 * Publishes pending rows in one transaction, holding the relay lock (nothing, if another replica
 * holds it), until none is left, MAX_ROWS_PER_TRANSACTION or `stopping()`.
 *
 * Pipelined: the next rows are read, and the rows of the previous send marked sent, while a send
 * is with Kafka. Sends themselves go one at a time, in row order, each after the acknowledgement
 * of the one before: a failed send is never followed by a later row of its keys. A row is marked
 * sent only once its send is acknowledged; a crash before the commit publishes it again.
 */
export async function publishPending(options: {
  dataSource: DataSource;
  bus: EventBus;
  batchSize?: number;
  stopping(): boolean;
  onPublishFailed?(): void;
}): Promise<PublishOutcome> {
  const outcome: PublishOutcome = { published: [] };
  const limit = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`batchSize: ${limit}`);
  await options.dataSource.transaction(async (em) => {
    const [{ relaying }] = (await em.query(`SELECT pg_try_advisory_xact_lock($1) AS relaying`, [
      RELAY_LOCK,
    ])) as [{ relaying: boolean }];
    if (!relaying) return;
    const statements = statementQueue(em);
    // Statements whose outcome is awaited only before the commit.
    const marks: Promise<unknown>[] = [];
    const mark = (sql: string, params: unknown[]) => void marks.push(statements.query(sql, params));
    // A cursor, not a LIMIT per read: read N+1 is sent before the rows of read N are marked, and
    // a "seq > last" to skip them made the planner sort the whole backlog for every read whenever
    // its statistics were missing or stale (a bulk import into a fresh table). The cursor's ordered
    // index scan (outbox_pending_idx) stays, and each row is locked as it is fetched.
    marks.push(
      statements.query(
        `DECLARE outbox_pending NO SCROLL CURSOR FOR
         SELECT seq, topic, message_key, payload, headers::text AS headers, traceparent FROM outbox
          WHERE sent_at IS NULL ORDER BY seq FOR UPDATE SKIP LOCKED`,
        [],
      ),
    );
    const read = () => statements.query<PendingRow[]>(`FETCH FORWARD ${limit} FROM outbox_pending`, []);
    let next = read();
    try {
      while (!options.stopping() && outcome.published.length < MAX_ROWS_PER_TRANSACTION) {
        const rows = await next;
        if (rows.length === 0) break;
        next = rows.length < limit ? Promise.resolve([]) : read();
        for (const s of cutIntoSends(rows)) {
          try {
            await send(options.bus, s);
          } catch (error) {
            options.onPublishFailed?.();
            outcome.failure = error;
            mark(
              `UPDATE outbox SET attempts = attempts + 1, last_error = $2
                WHERE seq = ANY($1::int8[]) AND sent_at IS NULL`,
              [seqArray(s.rows), String(error)],
            );
            return;
          }
          mark(
            `UPDATE outbox SET sent_at = now(), attempts = attempts + 1
              WHERE seq = ANY($1::int8[]) AND sent_at IS NULL`,
            [seqArray(s.rows)],
          );
          for (const r of s.rows) outcome.published.push(r.topic);
        }
      }
    } finally {
      // Nothing of this transaction's may still run at its commit (or rollback), and a failed
      // mark rolls it back: those rows are published again.
      await statements.drained();
      await Promise.all(marks);
    }
  });
  return outcome;
}
