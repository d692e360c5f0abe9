import { createRegistry, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { UnknownEventTypeError } from './event.errors';
import { CLIENTS_TOPICS } from './topics/clients.topics';
import { CONNECTORS_TOPICS } from './topics/connectors.topics';
import { MANDATES_TOPICS } from './topics/mandates.topics';
import { TITRES_SERVICES_TOPICS } from './topics/titres-services.topics';

/**
 * The registry: which message types each topic carries, one file per owning service under
 * `topics/`. Topics are `<service>.<aggregate>.v1`; a breaking change makes a new `.v2` topic.
 * A message type appears on exactly one topic (checked below).
 */
export const TOPIC_MESSAGES: Readonly<Record<string, readonly DescMessage[]>> = {
  ...CLIENTS_TOPICS,
  ...MANDATES_TOPICS,
  ...CONNECTORS_TOPICS,
  ...TITRES_SERVICES_TOPICS,
};

/** Short names of cross-service topics (each domain file may also export its own names). */
export const TOPICS = {
  clientsClient: 'clients.client.v1',
  mandatesBankAccount: 'mandates.bank-account.v1',
} as const;

/** A topic name. */
export type TopicName = string;

/** Every topic name, e.g. to create the topics or to subscribe to all of them. */
export const ALL_TOPICS: string[] = Object.keys(TOPIC_MESSAGES);

const topicByTypeName = new Map<string, TopicName>();
for (const [topic, schemas] of Object.entries(TOPIC_MESSAGES)) {
  for (const schema of schemas) {
    const other = topicByTypeName.get(schema.typeName);
    if (other !== undefined) {
      // Per-aggregate ordering only holds if a type has one home; fail at load, not in production.
      throw new Error(`${schema.typeName} is registered on two topics: ${other} and ${topic}`);
    }
    topicByTypeName.set(schema.typeName, topic);
  }
}

/**
 * Protobuf registry of every event payload type, to decode a payload from its type name.
 */
export const EVENT_REGISTRY: Registry = createRegistry(...Object.values(TOPIC_MESSAGES).flat());

/**
 * The topic that carries events of the given type.
 *
 * @param typeName protobuf full name (`fidu.clients.v1.ClientUpdated`) or the message schema
 * @throws UnknownEventTypeError when the type is not registered on any topic
 */
export function topicOf(typeName: string | DescMessage): string {
  const name = typeof typeName === 'string' ? typeName : typeName.typeName;
  const topic = topicByTypeName.get(name);
  if (topic === undefined) throw new UnknownEventTypeError(name);
  return topic;
}

/**
 * The dead-letter topic of a topic: where a consumer parks a message it gave up on
 * (after its retries, or at once for a malformed or unknown message).
 *
 * @example deadLetterTopicOf('clients.client.v1') === 'clients.client.v1.dlq'
 */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
