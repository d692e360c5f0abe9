import type { EntityManager } from 'typeorm';
import { ClientUpdatedSchema, isEvent, type DecodedEvent } from '@fidu/proto-events';
import { applyClientEvent, clientDirectoryBatchHandler } from '@fidu/service-kit';
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

/**
 * The same for a batch of one partition: the directory is updated set-based, then each client whose
 * data an update changed has its unsigned mandates presented again once (regeneration reads the
 * client's current data, so one pass after the batch's last change of it does the work of many).
 */
export const onClientEventBatch = clientDirectoryBatchHandler({
  afterClientEvents: async (em, applied) => {
    const lastChange = new Map<string, { officeId: string; correlationId: string }>();
    for (const { event, changed } of applied)
      if (changed.length > 0 && isEvent(event, ClientUpdatedSchema))
        lastChange.set(event.payload.clientId, {
          officeId: event.payload.officeId,
          correlationId: event.correlationId || event.id,
        });
    for (const [clientId, { officeId, correlationId }] of lastChange)
      await presentMandatesAgain(em, officeId, clientId, correlationId);
  },
});
