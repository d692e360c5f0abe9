import { flushTracing } from '@fidu/service-kit';
import { eventually } from '@fidu/service-kit/testing';
import { initTracing, inMemorySpanExporter, type ReadableSpan } from '@fidu/service-kit/tracing';
import { CREATE_CLIENT, UPDATE_CLIENT, clientInput } from '../../support/fixtures';
import { newOffice, startSystem, type TestSystem } from '../../support/system';

const CONSUMER = 4;

/**
 * Tracing in the in-process federation (what `OTEL_TRACES_EXPORTER` turns on for startSystem):
 * the kit continues the gateway's trace in the subgraph, the outbox row keeps it, and the consumer's
 * span is in the same trace as the gateway's request; the gateway's own spans are there too.
 */
describe('observability: tracing the in-process federation', () => {
  const exporter = inMemorySpanExporter();
  let sys: TestSystem;

  beforeAll(async () => {
    // Tracing is per process: on for this file only, off again in afterAll.
    expect(initTracing('federation', { exporter, env: {} })).toBe(true);
    sys = await startSystem({ loadedInThisFile: true });
  });
  afterAll(async () => {
    await sys?.stop();
    await flushTracing();
  });

  it('an updateClient request, its outbox row and the mandates consumer share one trace', async () => {
    const token = await sys.token(newOffice());
    const created = await sys.gql(token, CREATE_CLIENT, { input: clientInput(9101) });
    const id = created.data.createClient.client.id as string;
    exporter.reset();
    const updated = await sys.gql(token, UPDATE_CLIENT, {
      input: { id, expectedVersion: 1, email: 'in-process@example.be' },
    });
    expect(updated.errors).toBeUndefined();

    const request = await eventually(
      'the gateway request span',
      async () => exporter.getFinishedSpans().find((s) => s.name === 'gateway.request'),
      10_000,
    );
    const traceId = request.spanContext().traceId;
    const [row] = await sys.services.clients.dataSource.query(
      `SELECT traceparent FROM outbox WHERE message_key = $1 AND event_type = 'fidu.clients.v1.ClientUpdated'`,
      [id],
    );
    expect(row.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
    const consumed: ReadableSpan = await eventually(
      'the mandates consumer span in the same trace',
      async () =>
        exporter
          .getFinishedSpans()
          .find(
            (s) =>
              s.kind === CONSUMER &&
              s.spanContext().traceId === traceId &&
              s.attributes['messaging.consumer.group.name'] === sys.services.mandates.config.kafkaGroupId,
          ),
      30_000,
    );
    expect(consumed.attributes['cloudevents.event_type']).toBe('fidu.clients.v1.ClientUpdated');
    const inTrace = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    expect(inTrace.map((s) => s.name)).toEqual(
      expect.arrayContaining(['gateway.fetch', 'clients.client.v1 publish', 'clients.client.v1 process']),
    );
  });
});
