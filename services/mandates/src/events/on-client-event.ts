import type { EntityManager } from 'typeorm';
import { ClientUpdatedSchema, isEvent, type DecodedEvent } from '@fidu/proto-events';
import { applyClientEvent } from '@fidu/service-kit';
import { presentMandatesAgain } from '../use-cases/present-mandates-again';

/**
 * Handles `clients.client.v1` events: keeps the client directory — the data mandate documents
 * are generated from — in step with the clients service, and when a client's data changed,
 * regenerates its unsigned mandates' documents.
 *
 * Idempotent under redelivery: the kit's inbox records the event id in this same transaction, so
 * a redelivered event is skipped; the directory applies only a newer version, so a replayed older
 * event cannot roll the client back; and a mandate is regenerated only when its document differs
 * from the client's current data, so running the reaction twice changes nothing the second time.
 */
export async function onClientEvent(em: EntityManager, event: DecodedEvent): Promise<void> {
  const changed = await applyClientEvent(em, event);
  if (changed.length > 0 && isEvent(event, ClientUpdatedSchema)) {
    await presentMandatesAgain(
      em,
      event.payload.officeId,
      event.payload.clientId,
      event.correlationId || event.id,
    );
  }
}
