import type { EntityManager } from 'typeorm';
import type { DecodedEvent } from '@fidu/proto-events';
import { applyClientEvent } from '@fidu/service-kit';

/**
 * Handles `clients.client.v1` events: keeps the client directory — the data mandate documents
 * are generated from — in step with the clients service.
 *
 * Idempotent under redelivery twice over: the kit's inbox records the event id in this same
 * transaction, so a redelivered event is skipped; and the directory applies only a version newer
 * than the one it holds, so a replayed older event cannot roll the client back.
 */
export async function onClientEvent(em: EntityManager, event: DecodedEvent): Promise<void> {
  await applyClientEvent(em, event);
}
