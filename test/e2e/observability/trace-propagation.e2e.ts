import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SpanLine } from '@fidu/service-kit';
import { eventually } from '@fidu/service-kit/testing';
import { mintToken } from '@fidu/service-kit/bearer-token';
import { CREATE_CLIENT, UPDATE_CLIENT, clientInput } from '../../support/fixtures';
import { newOffice } from '../../support/system';
import {
  logsOf,
  spansOf,
  startTracedFederation,
  TEST_JWT_SECRET,
  type TracedProcess,
} from './traced-processes';

const SPAN_KIND = { SERVER: 1, PRODUCER: 3, CONSUMER: 4 };

/**
 * One trace per request, across processes: the gateway, the clients subgraph and the mandates
 * consumer run as separate processes (their built main.js, tracing to files), and a ClientUpdated
 * handled by mandates is a descendant of the gateway request whose mutation wrote it — through the
 * subgraph fetch, the outbox row, the relay's publish and the Kafka record's traceparent. Each
 * process's logs carry the same trace id.
 */
describe('observability: one trace from the gateway to the consumer of the event', () => {
  let federation: Awaited<ReturnType<typeof startTracedFederation>>;
  let token: string;

  beforeAll(async () => {
    federation = await startTracedFederation(mkdtempSync(join(tmpdir(), 'fidu-traces-')));
    token = await mintToken(newOffice(), TEST_JWT_SECRET);
  }, 240_000);
  afterAll(async () => federation?.stop());

  async function gql(query: string, variables: Record<string, unknown>, requestId: string) {
    const res = await fetch(`${federation.gateway.origin}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: unknown[] };
  }

  const traceSpans = (process: TracedProcess, traceId: string) =>
    spansOf(process).filter((s) => s.traceId === traceId);
  const traceLogs = (process: TracedProcess, traceId: string) =>
    logsOf(process).filter((l) => l.trace_id === traceId);

  it('a ClientUpdated handled by mandates is a child of the updateClient request, and every log line says so', async () => {
    const created = await gql(CREATE_CLIENT, { input: clientInput(9001) }, randomUUID());
    expect(created.errors).toBeUndefined();
    const id = created.data.createClient.client.id as string;
    const requestId = randomUUID();
    const updated = await gql(
      UPDATE_CLIENT,
      { input: { id, expectedVersion: 1, email: 'traced@example.be' } },
      requestId,
    );
    expect(updated.errors).toBeUndefined();

    // The gateway's access line for the request gives its trace id.
    const access = await eventually(
      'the gateway logged the request',
      async () => logsOf(federation.gateway).find((l) => l.msg === 'access' && l.requestId === requestId),
      30_000,
    );
    expect(access).toMatchObject({ principalKind: 'office', status: 200, operationType: 'mutation' });
    expect(access.durationMs).toEqual(expect.any(Number));
    const traceId = access.trace_id as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    // Mandates handled the event in that trace.
    const consumed = await eventually(
      'mandates exported its span for the ClientUpdated',
      async () =>
        traceSpans(federation.mandates, traceId).find(
          (s) =>
            s.kind === SPAN_KIND.CONSUMER &&
            s.attributes['cloudevents.event_type'] === 'fidu.clients.v1.ClientUpdated',
        ),
      60_000,
    );
    expect(consumed.attributes['messaging.consumer.group.name']).toEqual(expect.stringContaining('mandates'));

    // Its ancestry, across the three processes' files: consumer → publish (clients' relay) → …
    // → the clients server span → … → the gateway's server span, the root.
    const all = await eventually(
      'every ancestor span is exported',
      async () => {
        const spans = [federation.gateway, federation.clients, federation.mandates].flatMap((p) =>
          traceSpans(p, traceId),
        );
        const byId = new Map(spans.map((s) => [s.spanId, s]));
        const chain: SpanLine[] = [];
        for (
          let s: SpanLine | undefined = consumed;
          s;
          s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined
        )
          chain.push(s);
        return chain.at(-1)?.parentSpanId === undefined ? { spans, chain } : undefined;
      },
      30_000,
    );
    const { chain, spans } = all;
    const root = chain.at(-1)!;
    expect(root).toMatchObject({ service: 'gateway', kind: SPAN_KIND.SERVER });
    const services = chain.map((s) => s.service);
    expect(services[0]).toBe('mandates');
    expect(services).toContain('clients');
    const publish = chain.find((s) => s.kind === SPAN_KIND.PRODUCER);
    expect(publish).toMatchObject({ service: 'clients', name: 'clients.client.v1 publish' });
    expect(chain.some((s) => s.service === 'clients' && s.kind === SPAN_KIND.SERVER)).toBe(true);

    // Gateway's own spans (@apollo/gateway), the subgraph's SQL (pg) and the consumer's SQL, all in the trace.
    expect(spans.some((s) => s.service === 'gateway' && s.name === 'gateway.fetch')).toBe(true);
    const sql = (service: string) =>
      spans
        .filter((s) => s.service === service && s.scope.includes('instrumentation-pg'))
        .map((s) => String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? ''));
    expect(sql('clients').some((text) => text.includes('INSERT INTO outbox'))).toBe(true);
    expect(sql('mandates').length).toBeGreaterThan(0);

    // Logs: the subgraph's request line (with the gateway's request id) and the consumer's line
    // carry the trace id too.
    expect(traceLogs(federation.clients, traceId)).toContainEqual(
      expect.objectContaining({ msg: 'subgraph request served', requestId }),
    );
    await eventually(
      'mandates logged the handled event in the trace',
      async () => traceLogs(federation.mandates, traceId).some((l) => l.msg === 'event handled'),
      30_000,
    );
  });
});
