import { decodeEvent, deadLetterTopicOf, type DecodedEvent } from '@fidu/proto-events';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { inConsumerSpan, inConsumerSpans } from '../observability/event-tracing';
import { Backoff } from '../resilience/backoff';
import { retryWithJitter } from '../resilience/retry';
import type { AssignedPartition, EventBus, ReceivedRecord, RecordOutcome, Subscription } from './event-bus';
import {
  findParkedEvent,
  listParkedEvents,
  parkRecord,
  recordReplay,
  type ParkedEvent,
  type ParkedEventPage,
} from './parked-events';
import { isTransientFailure } from './transient-failure';

/** A handler's effect runs in the transaction that also records the event in the inbox. */
export type EventHandler = (em: EntityManager, event: DecodedEvent) => Promise<void>;

/**
 * The batch-aware form of a handler, for effects that are cheaper set-based: the events of one
 * partition not yet in the inbox, in offset order, inside the transaction that records them.
 */
export type BatchEventHandler = (em: EntityManager, events: DecodedEvent[]) => Promise<void>;

export interface InboxConsumerOptions {
  dataSource: DataSource;
  bus: EventBus;
  log: Logger;
  /** Consumer group, one per service (replicas share it). Also the inbox's consumer name. */
  groupId: string;
  topics: string[];
  handle: EventHandler;
  /** Optional: applies a whole batch at once (otherwise `handle` runs for each event, in order). */
  handleBatch?: BatchEventHandler;
  /** A new group skips the topics' history (see EventBus.subscribe); tests' fresh services use it. */
  newGroupStartsAtEnd?: boolean;
  /** Tries of a message that fails while the database is healthy, before it is parked. */
  maxAttempts?: number;
  /** Waits between tries while the infrastructure fails (default 250 ms doubling up to 30 s). */
  blockedBackoff?: { initialMs?: number; maxMs?: number };
  /** Told of every message parked (metrics). */
  onParked?(record: ReceivedRecord): void;
  /** Told of every message handled: applied, or skipped as a duplicate the inbox already holds (metrics). */
  onHandled?(record: ReceivedRecord, applied: boolean): void;
}

/** What an operator can do with parked messages (exposed through each service's GraphQL). */
export interface ParkedEventOperations {
  list(page: { first: number; after?: string | null }): Promise<ParkedEventPage>;
  /** Undefined when no such parked event exists. */
  replay(id: string, by: string): Promise<ParkedEvent | undefined>;
}

export interface InboxConsumer extends Subscription, ParkedEventOperations {
  /** Whether a partition is paused waiting for the infrastructure (the service is then not ready). */
  isBlocked(): boolean;
}

/** Undecodable messages: no retry can help, they are parked at once. */
const UNDECODABLE = new Set(['MALFORMED_EVENT', 'UNKNOWN_EVENT_TYPE']);
const PROBE_TIMEOUT_MS = 5000;

/**
 * Consumes events exactly-once in effect: the inbox row (event id) and the handler's writes are
 * committed together, so a redelivered event is recognised and has no second effect.
 *
 * A failure is either the infrastructure's or the message's. While the database (or the broker)
 * is failing — the error says so, or the database does not answer `SELECT 1` — the partition is
 * paused and the same message retried with backoff, without limit: nothing is skipped, nothing
 * is committed, and the service reports itself not ready. Only a message that keeps failing
 * while the database is healthy (undecodable, or a handler that throws for a reason inside the
 * message) is parked in the `parked_event` table — with a copy on `<topic>.dlq` — so the next
 * messages flow; an operator sees it and replays it through the inbox.
 */
export async function startInboxConsumer(options: InboxConsumerOptions): Promise<InboxConsumer> {
  const maxAttempts = options.maxAttempts ?? 3;
  const { log } = options;
  /** Paused partitions ("topic/partition") → since when, and their backoff. */
  const blocked = new Map<string, { since: number; backoff: Backoff }>();

  async function databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    const probe = options.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  function block(record: ReceivedRecord, error: unknown): RecordOutcome {
    const key = `${record.topic}/${record.partition}`;
    let state = blocked.get(key);
    if (!state) {
      state = { since: Date.now(), backoff: new Backoff(options.blockedBackoff) };
      blocked.set(key, state);
    }
    const retryAfterMs = state.backoff.next();
    log.warn(
      {
        err: error,
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        attempts: state.backoff.attempts,
        blockedForMs: Date.now() - state.since,
        retryAfterMs,
      },
      'consumer waits for the infrastructure: partition paused, the message will be retried',
    );
    return { retryAfterMs };
  }

  function unblock(record: ReceivedRecord): void {
    const key = `${record.topic}/${record.partition}`;
    const state = blocked.get(key);
    if (!state) return;
    blocked.delete(key);
    log.info(
      { topic: record.topic, partition: record.partition, blockedForMs: Date.now() - state.since },
      'consumer resumed after an infrastructure failure',
    );
  }

  async function park(record: ReceivedRecord, error: unknown, attempts: number): Promise<void> {
    let event: Partial<DecodedEvent> = {};
    try {
      event = decodeEvent(record.value);
    } catch {
      // Undecodable: the row keeps the raw bytes and the headers.
    }
    const id = await parkRecord(options.dataSource, options.groupId, record, {
      error,
      attempts,
      eventId: event.id ?? record.headers.ce_id,
      eventType: event.type ?? record.headers.ce_type,
    });
    log.error(
      {
        err: error,
        parkedEventId: id,
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
      },
      'event parked: it fails for a reason inside the message; an operator can replay it',
    );
    options.onParked?.(record);
    // A copy for tools that read dead-letter topics; the table stays the source of truth.
    await options.bus
      .publish([
        {
          ...record,
          topic: deadLetterTopicOf(record.topic),
          headers: { ...record.headers, error: String(error), parked_event_id: id },
        },
      ])
      .catch((dlqError: unknown) => log.warn({ err: dlqError }, 'dead-letter copy not published'));
  }

  async function onRecord(record: ReceivedRecord): Promise<RecordOutcome> {
    let attempts = 0;
    // Set by the last failure: the infrastructure failed (block and wait), not the message (park).
    let infrastructureFailed = false;
    try {
      const applied = await retryWithJitter(
        (attempt) => {
          attempts = attempt;
          return handleOnce(options, record);
        },
        {
          maxAttempts,
          initialMs: 200,
          maxMs: 1_600,
          retryIf: async (error) => {
            infrastructureFailed = isTransientFailure(error) || !(await databaseAnswers());
            return !infrastructureFailed && !UNDECODABLE.has((error as { code?: string }).code ?? '');
          },
        },
      );
      unblock(record);
      options.onHandled?.(record, applied);
      log.debug(
        {
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
          eventId: record.headers.ce_id,
          applied,
        },
        applied ? 'event handled' : 'event already handled: skipped',
      );
      return;
    } catch (error) {
      if (infrastructureFailed) return block(record, error);
      try {
        await park(record, error, attempts);
      } catch (parkError) {
        return block(record, parkError);
      }
      unblock(record);
      return;
    }
  }

  /**
   * Applies consecutive records of one partition in one transaction (one multi-row inbox insert,
   * then the handler for the events not seen before). When one record fails, the records before it
   * are applied as a batch again and that one goes through `onRecord` alone, which parks a poison
   * message or pauses on an infrastructure failure exactly as for a single record.
   */
  async function onBatch(records: ReceivedRecord[]): Promise<number> {
    const first = records[0]!;
    if (blocked.has(`${first.topic}/${first.partition}`)) return 0;
    let count = records.length;
    for (;;) {
      try {
        const batch = records.slice(0, count);
        const applied = await handleBatchOnce(options, batch);
        unblock(first);
        batch.forEach((record, i) => options.onHandled?.(record, applied[i]!));
        log.debug(
          { topic: first.topic, partition: first.partition, from: first.offset, count },
          'event batch handled',
        );
        return count;
      } catch (error) {
        const failedAt = error instanceof BatchRecordFailure ? error.index : 0;
        log.debug(
          { err: error, topic: first.topic, partition: first.partition, offset: records[failedAt]?.offset },
          'event batch failed: the failing record is handled alone',
        );
        if (failedAt === 0 || failedAt >= count || isTransientFailure(error)) return 0;
        count = failedAt;
      }
    }
  }

  const subscription = await options.bus.subscribe({
    groupId: options.groupId,
    topics: options.topics,
    newGroupStartsAtEnd: options.newGroupStartsAtEnd,
    // The handling (retries included) continues the trace of the request that caused the event.
    onRecord: (record) => inConsumerSpan(record, options.groupId, () => onRecord(record)),
    onBatch,
    onAssignment: (partitions: AssignedPartition[]) => {
      // A partition given to another replica is no longer this one's to wait for.
      const mine = new Set(partitions.map((p) => `${p.topic}/${p.partition}`));
      for (const key of blocked.keys()) if (!mine.has(key)) blocked.delete(key);
    },
  });

  return {
    stop: () => subscription.stop(),
    isBlocked: () => blocked.size > 0,
    list: (page) => listParkedEvents(options.dataSource, page),
    replay: (id, by) => replayParkedEvent(options, id, by),
  };
}

/**
 * Re-runs a parked message through the inbox: applied once at most (a replay of something
 * already applied changes nothing), then marks the row replayed, or records the new error.
 * An infrastructure failure is thrown and leaves the row as it was.
 */
export async function replayParkedEvent(
  options: Pick<InboxConsumerOptions, 'dataSource' | 'groupId' | 'handle' | 'log'>,
  id: string,
  by: string,
): Promise<ParkedEvent | undefined> {
  const parked = await findParkedEvent(options.dataSource, id);
  if (!parked) return undefined;
  try {
    const applied = await handleOnce(options, parked);
    await recordReplay(options.dataSource, id, { result: applied ? 'APPLIED' : 'ALREADY_APPLIED', by });
  } catch (error) {
    if (isTransientFailure(error)) throw error;
    await recordReplay(options.dataSource, id, { result: 'FAILED', by, error });
  }
  options.log.info({ parkedEventId: id, operator: by }, 'parked event replayed');
  return findParkedEvent(options.dataSource, id);
}

/** Handles one record; returns false when it was already processed (a redelivery). */
export async function handleOnce(
  options: Pick<InboxConsumerOptions, 'dataSource' | 'groupId' | 'handle'>,
  record: Pick<ReceivedRecord, 'value'>,
): Promise<boolean> {
  const event = decodeEvent(record.value);
  return options.dataSource.transaction(async (em) => {
    const inserted: unknown[] = await em.query(
      `INSERT INTO inbox (event_id, consumer, event_type) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [event.id, options.groupId, event.type],
    );
    if (inserted.length === 0) return false;
    await options.handle(em, event);
    return true;
  });
}

/**
 * Handles consecutive records in one transaction; returns, per record, whether it was applied
 * (false: the inbox already held it, or it repeats an earlier record of the same batch). Throws,
 * with nothing applied, if any record cannot be decoded or handled.
 */
export async function handleBatchOnce(
  options: Pick<InboxConsumerOptions, 'dataSource' | 'groupId' | 'handle' | 'handleBatch'>,
  records: ReceivedRecord[],
): Promise<boolean[]> {
  const events = records.map((r, i) => BatchRecordFailure.at(i, () => decodeEvent(r.value)));
  return options.dataSource.transaction(async (em) => {
    const inserted: { event_id: string }[] = await em.query(
      `INSERT INTO inbox (event_id, consumer, event_type)
       SELECT e.id, $2, e.type FROM unnest($1::uuid[], $3::text[]) AS e(id, type)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [events.map((e) => e.id), options.groupId, events.map((e) => e.type)],
    );
    const fresh = new Set(inserted.map((r) => r.event_id.toLowerCase()));
    // A fresh id applies at its first occurrence only; the order of the records is kept.
    const applied = events.map((e) => fresh.delete(e.id.toLowerCase()));
    if (options.handleBatch) {
      const { handleBatch } = options;
      const toApply = events.filter((_, i) => applied[i]);
      if (toApply.length > 0)
        await inConsumerSpans(
          records.filter((_, i) => applied[i]),
          options.groupId,
          () => handleBatch(em, toApply),
        );
    } else
      for (let i = 0; i < events.length; i++)
        if (applied[i])
          await BatchRecordFailure.at(i, () =>
            inConsumerSpan(records[i]!, options.groupId, () => options.handle(em, events[i]!)),
          );
    return applied;
  });
}

/** The failure of one record of a batch: which one, and its error as `cause`. */
export class BatchRecordFailure extends Error {
  constructor(
    readonly index: number,
    cause: unknown,
  ) {
    super(`record ${index} of the batch failed: ${String(cause)}`, { cause });
  }

  /** Runs `fn` for the record at `index`, tagging what it throws with that index. */
  static at<T>(index: number, fn: () => T): T {
    try {
      const result = fn();
      if (result instanceof Promise)
        return result.catch((error: unknown) => {
          throw new BatchRecordFailure(index, error);
        }) as T;
      return result;
    } catch (error) {
      throw new BatchRecordFailure(index, error);
    }
  }
}
