/**
 * A message names an event type (protobuf full name) that is not in the topic registry: the
 * producer is newer than this consumer, or the type was never registered in `topics.ts`.
 * Not retryable: consumers park such a message on the dead-letter topic.
 */
export class UnknownEventTypeError extends Error {
  /** Stable error code. */
  readonly code = 'UNKNOWN_EVENT_TYPE' as const;

  /**
   * @param typeName the protobuf full name that was looked up, e.g. `fidu.clients.v1.ClientUpdated`
   */
  constructor(readonly typeName: string) {
    super(`Unknown event type "${typeName}": it is not registered on any topic in @fidu/proto-events`);
    this.name = 'UnknownEventTypeError';
  }
}

/**
 * A Kafka record value is not a valid `fidu.events.v1.EventEnvelope` (not protobuf, or a required
 * attribute is missing), or its payload does not decode as the type it names.
 * Not retryable: consumers park such a message on the dead-letter topic.
 */
export class MalformedEventError extends Error {
  /** Stable error code. */
  readonly code = 'MALFORMED_EVENT' as const;

  /**
   * @param reason what is wrong with the message
   * @param options `cause`: the underlying decoding error, when there is one
   */
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Malformed event: ${reason}`, options);
    this.name = 'MalformedEventError';
  }
}
