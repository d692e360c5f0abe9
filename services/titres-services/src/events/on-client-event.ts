import type { EntityManager } from 'typeorm';
import type { DecodedEvent } from '@fidu/proto-events';
import { applyClientEvent } from '@fidu/service-kit';

/**
 * Keeps the local client directory in step with the clients service (topic clients.client.v1),
 * inside the inbox transaction. Approved companies are registered against it; nothing else reacts yet.
 */
export async function onClientEvent(em: EntityManager, event: DecodedEvent): Promise<void> {
  await applyClientEvent(em, event);
}
