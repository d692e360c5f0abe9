import { ClientRegisteredSchema, ClientUpdatedSchema, isEvent, TOPICS } from '@fidu/proto-events';
import { office, type SubscriptionFeed } from '../feed';

/** The filled fields of a registration, reported as changes from nothing. */
const REGISTERED_FIELDS = [
  'companyName',
  'clientCode',
  'enterpriseNumber',
  'email',
  'phone',
  'language',
  'street',
  'postalCode',
  'city',
  'country',
] as const;

/** `clientChanged`: an office follows the registration and every change of its clients. */
export const clientChangedFeed: SubscriptionFeed = {
  field: 'clientChanged',
  payloadType: 'ClientChanged',
  fieldSdl: `
  """
  Your office's clients as they are registered or changed (offices only). With \`clientId\`, one client only.
  """
  clientChanged(clientId: ID): ClientChanged!`,
  example:
    'subscription { clientChanged { kind clientId version changes { field oldValue newValue } client { companyName clientCode email } } }',
  typesSdl: `
"""Kind of change of a client."""
enum ClientChangeKind {
  """The office added the client."""
  REGISTERED
  """One or more fields of the client changed."""
  UPDATED
}

"""One field of a client that changed, with its value before and after (as strings)."""
type ClientFieldChange {
  """Name of the field as in the Client type (camelCase), e.g. \`email\`."""
  field: String!
  """Value before the change; null when the field had no value."""
  oldValue: String
  """Value after the change; null when the field was cleared."""
  newValue: String
}

"""A client of your office was registered or changed."""
type ClientChanged {
  """Id of the event (UUID); a subscription never receives the same event twice in a row."""
  eventId: ID!
  """Registered or updated."""
  kind: ClientChangeKind!
  """Id of the client."""
  clientId: ID!
  """Version of the client after this change."""
  version: Int!
  """The fields that changed; for a registration, every field that was filled."""
  changes: [ClientFieldChange!]!
  """When the change happened."""
  occurredAt: DateTime!
  """
  The client as it is when the event is delivered (any field of Client, resolved through the
  supergraph with your permissions); null when you can no longer see it.
  """
  client: Client
}`,
  principalKinds: ['office'],
  topics: [TOPICS.clientsClient],
  toDelivery(event) {
    if (isEvent(event, ClientRegisteredSchema)) {
      const p = event.payload;
      return {
        audience: [office(event.tenant || p.officeId)],
        payload: {
          eventId: event.id,
          kind: 'REGISTERED',
          clientId: p.clientId,
          version: p.version,
          changes: REGISTERED_FIELDS.filter((f) => p[f] !== '').map((f) => ({
            field: f,
            oldValue: null,
            newValue: p[f],
          })),
          occurredAt: event.time.toISOString(),
        },
      };
    }
    if (isEvent(event, ClientUpdatedSchema)) {
      const p = event.payload;
      return {
        audience: [office(event.tenant || p.officeId)],
        payload: {
          eventId: event.id,
          kind: 'UPDATED',
          clientId: p.clientId,
          version: p.version,
          changes: p.changes.map((c) => ({
            field: c.field,
            oldValue: c.oldValue ?? null,
            newValue: c.newValue ?? null,
          })),
          occurredAt: event.time.toISOString(),
        },
      };
    }
    return undefined;
  },
  matches: (payload, args) => args.clientId == null || args.clientId === payload.clientId,
  links: { client: { queryField: 'client', idArgument: 'id', idOf: (p) => p.clientId as string } },
};
