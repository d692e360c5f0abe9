import { randomUUID } from 'node:crypto';
import {
  create,
  fromBinary,
  isMessage,
  toBinary,
  type DescMessage,
  type Message,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EventEnvelopeSchema, type EventEnvelope } from './gen/fidu/events/v1/envelope_pb';
import { MalformedEventError, UnknownEventTypeError } from './event.errors';
import { EVENT_REGISTRY, topicOf } from './topics';

export { MalformedEventError, UnknownEventTypeError } from './event.errors';

/** Names of the Kafka headers set on every event (CloudEvents Kafka binding style). */
export const EVENT_HEADERS = {
  /** CloudEvents spec version, always `1.0`. */
  specVersion: 'ce_specversion',
  /** Event id (UUID). */
  id: 'ce_id',
  /** Protobuf full name of the payload, e.g. `fidu.clients.v1.ClientUpdated`. */
  type: 'ce_type',
  /** Producing service, e.g. `clients`. */
  source: 'ce_source',
  /** Time of the fact, ISO-8601 UTC (`2025-01-31T10:00:00.000Z`). */
  time: 'ce_time',
  /** Office id; empty string for platform-wide events. */
  tenant: 'ce_tenant',
  /** Correlation id. */
  correlationId: 'ce_correlationid',
  /** Aggregate id (same as the record key). */
  subject: 'ce_subject',
  /** Always {@link EVENT_CONTENT_TYPE}. */
  contentType: 'content-type',
} as const;

/** Content type of every record value: a binary `fidu.events.v1.EventEnvelope`. */
export const EVENT_CONTENT_TYPE = 'application/protobuf';

/** Attributes of an event other than its payload. */
export interface EventAttributes {
  /** Event id; default: a new random UUID. Pass the outbox row id so a relay retry keeps the id. */
  id?: string;
  /** Producing service (its folder name), e.g. `clients`. */
  source: string;
  /** Office id; default `''` (platform-wide event). */
  tenant?: string;
  /** Correlation id; default: the event id (the event starts its own chain). */
  correlationId?: string;
  /** Aggregate id; becomes the Kafka record key. */
  subject: string;
  /** When the fact happened; default: now. */
  time?: Date;
}

/** An event ready to hand to a Kafka producer: `{ topic, messages: [{ key, value, headers }] }`. */
export interface EncodedEvent {
  /** Event id. */
  id: string;
  /** Topic the event belongs on (from the registry). */
  topic: string;
  /** Record key: the aggregate id (subject). */
  key: string;
  /** Protobuf full name of the payload message. */
  type: string;
  /** Record value: the serialized `fidu.events.v1.EventEnvelope`. */
  value: Uint8Array;
  /** Record headers, see {@link EVENT_HEADERS}. */
  headers: Record<string, string>;
}

/** An event read back from a record value. */
export interface DecodedEvent {
  /** Event id. */
  id: string;
  /** Protobuf full name of the payload message. */
  type: string;
  /** Producing service. */
  source: string;
  /** When the fact happened. */
  time: Date;
  /** Office id; empty for platform-wide events. */
  tenant: string;
  /** Correlation id. */
  correlationId: string;
  /** Aggregate id. */
  subject: string;
  /** The payload, decoded with its schema; narrow it with {@link isEvent}. */
  payload: Message;
}

/**
 * Serialize an event: wrap the payload in an `EventEnvelope` and derive topic, key and headers.
 *
 * @param schema schema of the payload, e.g. `ClientUpdatedSchema`; it must be registered on a topic
 * @param payload the payload message, or an init object for it
 * @param attrs envelope attributes
 * @throws UnknownEventTypeError when the schema is not registered on any topic
 * @throws TypeError when `payload` is a message of another type than `schema`
 */
export function encodeEvent<Desc extends DescMessage>(
  schema: Desc,
  payload: MessageShape<Desc> | MessageInitShape<Desc>,
  attrs: EventAttributes,
): EncodedEvent {
  const topic = topicOf(schema.typeName);
  const payloadType = (payload as { $typeName?: unknown }).$typeName;
  if (payloadType !== undefined && payloadType !== schema.typeName) {
    // create() would silently copy same-named fields of the wrong message.
    throw new TypeError(`encodeEvent: payload is a ${String(payloadType)}, not a ${schema.typeName}`);
  }
  const message = create(schema, payload as MessageInitShape<Desc>);
  const id = attrs.id ?? randomUUID();
  const time = attrs.time ?? new Date();
  const tenant = attrs.tenant ?? '';
  const correlationId = attrs.correlationId ?? id;
  const envelope = create(EventEnvelopeSchema, {
    id,
    type: schema.typeName,
    source: attrs.source,
    time: timestampFromDate(time),
    tenant,
    correlationId,
    subject: attrs.subject,
    data: toBinary(schema, message),
  });
  return {
    id,
    topic,
    key: attrs.subject,
    type: schema.typeName,
    value: toBinary(EventEnvelopeSchema, envelope),
    headers: {
      [EVENT_HEADERS.specVersion]: '1.0',
      [EVENT_HEADERS.id]: id,
      [EVENT_HEADERS.type]: schema.typeName,
      [EVENT_HEADERS.source]: attrs.source,
      [EVENT_HEADERS.time]: time.toISOString(),
      [EVENT_HEADERS.tenant]: tenant,
      [EVENT_HEADERS.correlationId]: correlationId,
      [EVENT_HEADERS.subject]: attrs.subject,
      [EVENT_HEADERS.contentType]: EVENT_CONTENT_TYPE,
    },
  };
}

/**
 * Deserialize a record value: the envelope, then the payload with the schema its type names.
 *
 * @param value the record value (a Node `Buffer` works too)
 * @throws UnknownEventTypeError when the payload type is not in the registry
 * @throws MalformedEventError when the value is not a valid envelope or the payload does not decode
 */
export function decodeEvent(value: Uint8Array): DecodedEvent {
  let envelope: EventEnvelope;
  try {
    envelope = fromBinary(EventEnvelopeSchema, value);
  } catch (cause) {
    throw new MalformedEventError('the value is not a fidu.events.v1.EventEnvelope', { cause });
  }
  if (envelope.id === '') throw new MalformedEventError('the envelope has no id');
  if (envelope.type === '') throw new MalformedEventError(`envelope ${envelope.id} has no type`);
  if (envelope.time === undefined) throw new MalformedEventError(`envelope ${envelope.id} has no time`);
  const schema = EVENT_REGISTRY.getMessage(envelope.type);
  if (schema === undefined) throw new UnknownEventTypeError(envelope.type);
  let payload: Message;
  try {
    payload = fromBinary(schema, envelope.data);
  } catch (cause) {
    throw new MalformedEventError(`the data of envelope ${envelope.id} is not a ${envelope.type}`, { cause });
  }
  return {
    id: envelope.id,
    type: envelope.type,
    source: envelope.source,
    time: timestampDate(envelope.time),
    tenant: envelope.tenant,
    correlationId: envelope.correlationId,
    subject: envelope.subject,
    payload,
  };
}

/**
 * Whether a decoded event carries a payload of the given schema; narrows `event.payload`.
 *
 * @example if (isEvent(event, ClientUpdatedSchema)) onClientUpdated(event.payload);
 */
export function isEvent<Desc extends DescMessage>(
  event: DecodedEvent,
  schema: Desc,
): event is DecodedEvent & { payload: MessageShape<Desc> } {
  return isMessage(event.payload, schema);
}
