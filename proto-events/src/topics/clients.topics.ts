export * from '../gen/fidu/clients/v1/client_events_pb';
import { ClientRegisteredSchema, ClientUpdatedSchema } from '../gen/fidu/clients/v1/client_events_pb';

/** Topics owned by the `clients` service (one file per service, so domains never edit each other's). */
export const CLIENTS_TOPICS = {
  /** Client aggregate; key = client id. */
  'clients.client.v1': [ClientRegisteredSchema, ClientUpdatedSchema],
} as const;
