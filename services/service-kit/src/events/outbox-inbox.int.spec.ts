import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { DataSource, type EntityManager } from 'typeorm';
import { ClientRegisteredSchema, deadLetterTopicOf, encodeEvent, TOPICS } from '@fidu/proto-events';
import { OutboxInboxTables1700000000000 } from '../db/outbox-inbox.migration';
import { OutboxSequence1700000000003 } from '../db/outbox-sequence.migration';
import { OutboxTraceparent1700000000010 } from '../db/outbox-traceparent.migration';
import { JobRuns1700000000002 } from '../jobs/job-run.migration';
import { JobRunHistory1700000000005 } from '../jobs/job-run-history.migration';
import { runJobOnce } from '../jobs/run-job-once';
import { createLogger } from '../logger';
import { flushTracing, initTracing, inMemorySpanExporter } from '../observability/tracing';
import { createTestDatabase, eventually } from '../testing/test-helpers';
import { createKafkaBus, type EventBus, type ReceivedRecord } from './event-bus';
import { appendToOutbox, OUTBOX_CHANNEL } from './outbox';
import { OUTBOX_LISTENER_APPLICATION_NAME, OutboxRelay } from './outbox-relay';

/** The delivery guarantees themselves, against real Postgres and Kafka. */
describe('outbox relay, inbox consumer and jobs (real Postgres + Kafka)', () => {
  const log = createLogger('kit-spec', 'error');
  let ds: DataSource;
  let url: string;
  let bus: EventBus;
  let relay: OutboxRelay;

  beforeAll(async () => {
    url = await createTestDatabase('kit');
    ds = new DataSource({
      type: 'postgres',
      url,
      migrations: [
        OutboxInboxTables1700000000000,
        JobRuns1700000000002,
        OutboxSequence1700000000003,
        JobRunHistory1700000000005,
        OutboxTraceparent1700000000010,
      ],
    });
    await ds.initialize();
    await ds.runMigrations();
    bus = createKafkaBus({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'kit-spec', log });
    await bus.ensureTopics([TOPICS.clientsClient, deadLetterTopicOf(TOPICS.clientsClient)]);
    // A long poll interval: only the NOTIFY at commit can explain a fast publication.
    relay = new OutboxRelay({ dataSource: ds, databaseUrl: url, bus, log, pollIntervalMs: 60_000 });
    await relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await ds?.destroy();
  });

  function registered(clientId = randomUUID()) {
    return encodeEvent(
      ClientRegisteredSchema,
      {
        clientId,
        officeId: 'office-kit',
        companyName: 'Kit SRL',
        clientCode: 'K1',
        language: 'fr',
        version: 1,
      },
      { source: 'clients', tenant: 'office-kit', subject: clientId },
    );
  }

  async function collect(
    topic: string,
    until: (records: ReceivedRecord[]) => boolean,
  ): Promise<ReceivedRecord[]> {
    const records: ReceivedRecord[] = [];
    const sub = await bus.subscribe({
      groupId: `kit-spec-${randomUUID()}`,
      topics: [topic],
      onRecord: async (r) => void records.push(r),
    });
    try {
      await eventually(`records on ${topic}`, async () => until(records), 20_000);
      return records;
    } finally {
      await sub.stop();
    }
  }

  it('publishes a committed outbox row within a second, woken by the commit (not by polling)', async () => {
    const event = registered();
    const started = Date.now();
    await ds.transaction((em) => appendToOutbox(em, [event]));
    await eventually('the row is marked sent', async () => {
      const [row] = await ds.query(`SELECT sent_at FROM outbox WHERE id = $1`, [event.id]);
      return row?.sent_at !== null;
    });
    expect(Date.now() - started).toBeLessThan(1000);
    const records = await collect(TOPICS.clientsClient, (rs) => rs.some((r) => r.headers.ce_id === event.id));
    const record = records.find((r) => r.headers.ce_id === event.id)!;
    expect(record.key).toBe(event.key);
  });

  it('publishes a row under the trace of the transaction that wrote it (traceparent stored, then in the record headers)', async () => {
    const exporter = inMemorySpanExporter();
    expect(initTracing('kit-spec', { exporter, env: {} })).toBe(true);
    try {
      const event = registered();
      const requestSpan = await trace.getTracer('kit-spec').startActiveSpan('request', async (span) => {
        await ds.transaction((em) => appendToOutbox(em, [event]));
        span.end();
        return span.spanContext();
      });
      const [row] = await ds.query(`SELECT traceparent FROM outbox WHERE id = $1`, [event.id]);
      expect(row.traceparent).toBe(`00-${requestSpan.traceId}-${requestSpan.spanId}-01`);
      const records = await collect(TOPICS.clientsClient, (rs) =>
        rs.some((r) => r.headers.ce_id === event.id),
      );
      const header = records.find((r) => r.headers.ce_id === event.id)!.headers.traceparent;
      // The record's parent is the relay's publish span, itself a child of the request's span.
      const publish = exporter.getFinishedSpans().find((s) => s.name === `${TOPICS.clientsClient} publish`)!;
      expect(publish.parentSpanContext?.spanId).toBe(requestSpan.spanId);
      expect(header).toBe(`00-${requestSpan.traceId}-${publish.spanContext().spanId}-01`);
    } finally {
      await flushTracing();
    }
  });

  it('publishes the events of one transaction in the order they were written', async () => {
    const clientId = randomUUID();
    const events = Array.from({ length: 20 }, () => registered(clientId));
    await ds.transaction((em) => appendToOutbox(em, events));
    const ids = events.map((e) => e.id);
    const records = await collect(TOPICS.clientsClient, (rs) =>
      ids.every((id) => rs.some((r) => r.headers.ce_id === id)),
    );
    expect(records.filter((r) => ids.includes(r.headers.ce_id!)).map((r) => r.headers.ce_id)).toEqual(ids);
  });

  it('publishes nothing for a transaction that rolled back', async () => {
    const event = registered();
    await expect(
      ds.transaction(async (em) => {
        await appendToOutbox(em, [event]);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await ds.query(`SELECT 1 FROM outbox WHERE id = $1`, [event.id])).toEqual([]);
  });

  it('restores the LISTEN connection after its backend is terminated, then publishes on notification again', async () => {
    const listenerPid = async (): Promise<number | undefined> => {
      const rows: { pid: number }[] = await ds.query(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1 AND query = $2 AND state = 'idle'`,
        [OUTBOX_LISTENER_APPLICATION_NAME, `LISTEN ${OUTBOX_CHANNEL}`],
      );
      return rows[0]?.pid;
    };
    const before = await eventually('the relay listens', listenerPid);
    const [{ terminated }] = await ds.query(`SELECT pg_terminate_backend($1) AS terminated`, [before]);
    expect(terminated).toBe(true);
    // Written while the listener is away: nobody is notified, the drain after the reconnect sends it.
    const whileAway = registered();
    await ds.transaction((em) => appendToOutbox(em, [whileAway]));
    await eventually('a new listener connection', async () => {
      const pid = await listenerPid();
      return pid !== undefined && pid !== before;
    });
    await eventually('the row written while away is sent', async () => {
      const [row] = await ds.query(`SELECT sent_at FROM outbox WHERE id = $1`, [whileAway.id]);
      return row?.sent_at !== null;
    });

    // The poll runs every 60 s: only a notification explains a publication within a second.
    const event = registered();
    const started = Date.now();
    await ds.transaction((em) => appendToOutbox(em, [event]));
    await eventually('the row is marked sent', async () => {
      const [row] = await ds.query(`SELECT sent_at FROM outbox WHERE id = $1`, [event.id]);
      return row?.sent_at !== null;
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('runs a job once per period across concurrent replicas', async () => {
    let runs = 0;
    const job = { name: 'kit.test-job', period: '2026-11-22', run: async () => void (runs += 1) };
    const outcomes = await Promise.all([runJobOnce(ds, job), runJobOnce(ds, job), runJobOnce(ds, job)]);
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.status === 'ran')).toHaveLength(1);
    expect((await runJobOnce(ds, job)).status).toBe('already-ran');
    expect((await runJobOnce(ds, { ...job, period: '2026-11-23' })).status).toBe('ran');
    expect(runs).toBe(2);
  });

  it('records a failed period, rolls its work back and runs it again only when told to', async () => {
    const failing = {
      name: 'kit.failing-job',
      period: 'p1',
      run: async (em: EntityManager) => {
        await em.query(`INSERT INTO job_run (job, period) VALUES ('kit.failing-job-side-effect', 'p1')`);
        throw new Error('boom');
      },
    };
    expect(await runJobOnce(ds, failing)).toMatchObject({
      status: 'failed',
      run: { status: 'FAILED', error: 'boom', attempts: 1, finishedAt: expect.any(Date) },
    });
    expect(await ds.query(`SELECT 1 FROM job_run WHERE job = 'kit.failing-job-side-effect'`)).toHaveLength(0);
    expect(await runJobOnce(ds, { ...failing, run: async () => 'ok' })).toMatchObject({
      status: 'already-ran',
      run: { status: 'FAILED' },
    });
    expect(
      await runJobOnce(ds, { ...failing, run: async () => 'ok' }, { rerunFailed: true, triggeredBy: 'op-1' }),
    ).toMatchObject({
      status: 'ran',
      run: { status: 'SUCCEEDED', summary: 'ok', error: null, attempts: 2, triggeredBy: 'op-1' },
    });
    expect((await runJobOnce(ds, failing, { rerunFailed: true })).status).toBe('already-ran');
  });
});
