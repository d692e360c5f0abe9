import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';

/**
 * How a trace crosses the outbox and Kafka (W3C trace context): the request's `traceparent` is
 * stored with the outbox row, the relay's publish span is its child and goes out in the record's
 * headers, and the consumer's span is a child of that. kafkajs' own instrumentation cannot do this:
 * the relay publishes rows of many requests in one batch, long after those requests ended.
 * Everything here is a no-op while tracing is off (no propagator, no recording tracer).
 */
const tracer = () => trace.getTracer('@fidu/service-kit');

/** The active context's `traceparent`, or null when there is none (tracing off, or no span). */
export function activeTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** What a published record carries about its event (CloudEvents headers set by proto-events). */
interface TracedRecord {
  topic: string;
  headers: Record<string, string>;
}

function eventAttributes(record: TracedRecord): Record<string, string> {
  return {
    'messaging.system': 'kafka',
    'messaging.destination.name': record.topic,
    ...(record.headers.ce_id ? { 'messaging.message.id': record.headers.ce_id } : {}),
    ...(record.headers.ce_type ? { 'cloudevents.event_type': record.headers.ce_type } : {}),
  };
}

/** A relay publish of one outbox row: the span (child of the row's request) and the headers to send. */
export interface PublishTrace {
  headers: Record<string, string>;
  end(error?: unknown): void;
}

function endSpan(span: Span, error?: unknown): void {
  if (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
  }
  span.end();
}

/**
 * True when this process neither records spans nor propagates context (no tracer provider, no
 * propagator registered: tracing off). A publish span then records and injects nothing, and
 * setting it up (contexts, a span, a carrier) per row was a visible share of the relay's CPU.
 */
function tracingOff(): boolean {
  const provider = trace.getTracerProvider() as { getDelegateTracer?(name: string): unknown };
  return propagation.fields().length === 0 && provider.getDelegateTracer?.('@fidu/service-kit') === undefined;
}

const noEnd = () => undefined;

/**
 * Starts the producer span of one outbox row under the trace stored with it, and returns the
 * record headers with its `traceparent`. With tracing off here, the stored traceparent is passed
 * on as it is, so the consumer still joins the request's trace.
 */
export function startPublishTrace(record: TracedRecord, storedTraceparent: string | null): PublishTrace {
  if (tracingOff())
    return {
      headers: storedTraceparent ? { ...record.headers, traceparent: storedTraceparent } : record.headers,
      end: noEnd,
    };
  const parent = storedTraceparent
    ? propagation.extract(ROOT_CONTEXT, { traceparent: storedTraceparent })
    : ROOT_CONTEXT;
  const span = tracer().startSpan(
    `${record.topic} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { ...eventAttributes(record), 'messaging.operation.type': 'send' },
    },
    parent,
  );
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);
  const traceparent = carrier.traceparent ?? storedTraceparent;
  return {
    headers: traceparent ? { ...record.headers, ...carrier, traceparent } : record.headers,
    end: (error) => endSpan(span, error),
  };
}

/**
 * Runs a consumer's handling of one record in a span that continues the record's trace (its
 * `traceparent` header): the handler's SQL and logs belong to the request that caused the event.
 */
type ConsumedRecord = TracedRecord & { partition: number; offset: string };

/** A "process" span for one consumed record, child of the trace the record's headers carry. */
function startConsumerSpan(record: ConsumedRecord, groupId: string): { span: Span; parent: Context } {
  const parent = propagation.extract(ROOT_CONTEXT, record.headers);
  const span = tracer().startSpan(
    `${record.topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...eventAttributes(record),
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': groupId,
        'messaging.destination.partition.id': String(record.partition),
        'messaging.kafka.offset': Number(record.offset),
      },
    },
    parent,
  );
  return { span, parent };
}

export async function inConsumerSpan<T>(
  record: ConsumedRecord,
  groupId: string,
  handle: () => Promise<T>,
): Promise<T> {
  const { span, parent } = startConsumerSpan(record, groupId);
  try {
    const result = await context.with(trace.setSpan(parent, span), handle);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

/**
 * For records handled together (a set-based batch handler): one "process" span per record, each in
 * the trace of the request that caused it, all spanning the shared handling; the handling's own
 * spans (SQL) go under the first record's.
 */
export async function inConsumerSpans<T>(
  records: ConsumedRecord[],
  groupId: string,
  handle: () => Promise<T>,
): Promise<T> {
  const started = records.map((record) => startConsumerSpan(record, groupId));
  const first = started[0];
  try {
    const result = await (first ? context.with(trace.setSpan(first.parent, first.span), handle) : handle());
    for (const { span } of started) endSpan(span);
    return result;
  } catch (error) {
    for (const { span } of started) endSpan(span, error);
    throw error;
  }
}
