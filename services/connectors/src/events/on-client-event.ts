import type { EntityManager } from 'typeorm';
import type { DecodedEvent } from '@fidu/proto-events';
import { applyClientEvent } from '@fidu/service-kit';

/**
 * Keeps the local client directory in step with the clients service, so associating a client
 * checks it belongs to the caller's office without reading another service's tables.
 */
export async function onClientEvent(em: EntityManager, event: DecodedEvent): Promise<void> {
  await applyClientEvent(em, event);
}
