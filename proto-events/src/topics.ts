import { createRegistry, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { ClientRegisteredSchema, ClientUpdatedSchema } from './gen/fidu/clients/v1/client_events_pb';
import { BankAccountActivatedSchema } from './gen/fidu/mandates/v1/bank_account_events_pb';
import { UnknownEventTypeError } from './event.errors';

/**
 * Names of the Kafka topics, one per aggregate stream: `<service>.<aggregate>.v1`.
 * A breaking change of a topic's contract makes a new `.v2` topic; the `.v1` one is never reused.
 */
export const TOPICS = {
  /** Client aggregate of the `clients` service; key = client id. */
  clientsClient: 'clients.client.v1',
  /** BankAccount aggregate of the `mandates` service; key = bank account id. */
  mandatesBankAccount: 'mandates.bank-account.v1',
} as const;

/** One of the topic names of {@link TOPICS}. */
export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/**
 * The registry: which message types each topic carries. The only place a message type is bound to
 * a topic; a type appears on exactly one topic.
 */
export const TOPIC_MESSAGES: { readonly [T in TopicName]: readonly DescMessage[] } = {
  [TOPICS.clientsClient]: [ClientRegisteredSchema, ClientUpdatedSchema],
  [TOPICS.mandatesBankAccount]: [BankAccountActivatedSchema],
};

/** Every topic name, e.g. to create the topics or to subscribe to all of them. */
export const ALL_TOPICS: string[] = Object.values(TOPICS);

const topicByTypeName = new Map<string, TopicName>();
for (const topic of Object.keys(TOPIC_MESSAGES) as TopicName[]) {
  for (const schema of TOPIC_MESSAGES[topic]) {
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
