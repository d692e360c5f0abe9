import { TOPICS } from '@fidu/proto-events';
import type { BatchEventHandler, EventHandler } from '@fidu/service-kit';
import { onClientEvent, onClientEventBatch } from './on-client-event';

/**
 * The other services' topics this service consumes, and their handler: the clients service's
 * client events keep the client directory (what mandate documents print) in step.
 */
export const eventHandlers: { topics: string[]; handle: EventHandler; handleBatch: BatchEventHandler } = {
  topics: [TOPICS.clientsClient],
  handle: onClientEvent,
  handleBatch: onClientEventBatch,
};
