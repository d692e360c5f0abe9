import { decodeEvent, deadLetterTopicOf, type DecodedEvent } from '@fidu/proto-events';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import type { EventBus, ReceivedRecord, Subscription } from './event-bus';

/** A handler's effect runs in the transaction that also records the event in the inbox. */
export type EventHandler = (em: EntityManager, event: DecodedEvent) => Promise<void>;

export interface InboxConsumerOptions {
  dataSource: DataSource;
  bus: EventBus;
  log: Logger;
  /** Consumer group, one per service (replicas share it). Also the inbox's consumer name. */
  groupId: string;
  topics: string[];
  handle: EventHandler;
  maxAttempts?: number;
}

/**
 * Consumes events exactly-once in effect: the inbox row (event id) and the handler's writes are
 * committed together, so a redelivered event is recognised and has no second effect. A message
 * that keeps failing is retried with backoff, then parked on the topic's dead-letter topic.
 */
export async function startInboxConsumer(options: InboxConsumerOptions): Promise<Subscription> {
  const maxAttempts = options.maxAttempts ?? 5;
  return options.bus.subscribe({
    groupId: options.groupId,
    topics: options.topics,
    onRecord: async (record) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await handleOnce(options, record);
          return;
        } catch (error) {
          if (attempt >= maxAttempts) {
            options.log.error(
              { err: error, topic: record.topic, offset: record.offset },
              'event parked on dead-letter topic',
            );
            await options.bus.publish([
              {
                ...record,
                topic: deadLetterTopicOf(record.topic),
                headers: { ...record.headers, error: String(error) },
              },
            ]);
            return;
          }
          await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        }
      }
    },
  });
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
