import type { EntityManager } from 'typeorm';
import { MANDATES_TOPIC_NAMES, TOPICS, type DecodedEvent } from '@fidu/proto-events';
import { applyClientEvent, clientDirectoryBatchHandler, type EventHandler } from '@fidu/service-kit';
import { onSodaMandateEvent } from './on-soda-mandate-event';

/**
 * The topics this service consumes and who handles each: the client directory follows
 * clients.client.v1 (the kit's shared copy); SODA mandates are billed to their office. Each
 * handler ignores the event types it does not know.
 */
const HANDLERS: { topic: string; handle: EventHandler }[] = [
  {
    topic: TOPICS.clientsClient,
    handle: async (em, event) => {
      await applyClientEvent(em, event);
    },
  },
  { topic: MANDATES_TOPIC_NAMES.sodaMandate, handle: onSodaMandateEvent },
];

/** What the service subscribes to. */
export const CONSUMED_TOPICS = HANDLERS.map((h) => h.topic);

/** The service's one consumer: offers each event to every handler, in the inbox's transaction. */
export async function handleEvent(em: EntityManager, event: DecodedEvent): Promise<void> {
  for (const h of HANDLERS) await h.handle(em, event);
}

/** The same for a batch of one partition: the client directory's events set-based, in order. */
export const handleEventBatch = clientDirectoryBatchHandler({ handleOther: onSodaMandateEvent });
