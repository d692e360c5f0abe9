import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClientRegisteredSchema, encodeEvent } from '@fidu/proto-events';
import { OutboxInboxTables1700000000000 } from '../db/outbox-inbox.migration';
import { OutboxSequence1700000000003 } from '../db/outbox-sequence.migration';
import { OutboxTraceparent1700000000010 } from '../db/outbox-traceparent.migration';
import { createLogger } from '../logger';
import { createTestDatabase, eventually } from '../testing/test-helpers';
import { createKafkaBus, type BusRecord, type EventBus, type ReceivedRecord } from './event-bus';
import { appendToOutbox, type OutboxEvent } from './outbox';
import { MAX_SEND_BYTES } from './outbox-publish';
import { OutboxRelay } from './outbox-relay';

/** The relay's batching against real Postgres and Kafka: sends cut by bytes, order, refused sends. */
describe('outbox relay: a backlog in many sends (real Postgres + Kafka)', () => {
  const log = createLogger('kit-relay-spec', 'error');
  // A topic of this run only (3 partitions).
  const topic = `kit-relay-spec.${randomUUID()}`;
  let ds: DataSource;
  let bus: EventBus;
  let relay: OutboxRelay;
  /** Per producer send: its records' payload bytes. */
  const sends: number[] = [];
  let published = 0;
  let failures = 0;

  beforeAll(async () => {
    const url = await createTestDatabase('kit_relay');
    ds = new DataSource({
      type: 'postgres',
      url,
      migrations: [
        OutboxInboxTables1700000000000,
        OutboxSequence1700000000003,
        OutboxTraceparent1700000000010,
      ],
    });
    await ds.initialize();
    await ds.runMigrations();
    bus = createKafkaBus({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'kit-relay-spec', log });
    await bus.ensureTopics([topic]);
    const publish = bus.publish.bind(bus);
    bus.publish = async (records: BusRecord[]) => {
      sends.push(records.reduce((n, r) => n + r.value.length, 0));
      await publish(records);
    };
    relay = new OutboxRelay({
      dataSource: ds,
      databaseUrl: url,
      bus,
      log,
      pollIntervalMs: 60_000,
      onPublished: (topics) => void (published += topics.length),
      onPublishFailed: () => void (failures += 1),
    });
    await relay.start();
  });
  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await ds?.destroy();
  });

  /** An event of `key` whose record weighs about `bytes`. */
  function event(key: string, bytes: number): OutboxEvent {
    const e = encodeEvent(
      ClientRegisteredSchema,
      {
        clientId: key,
        officeId: 'office-kit',
        companyName: 'x'.repeat(bytes),
        clientCode: 'K1',
        language: 'fr',
        version: 1,
      },
      { source: 'clients', tenant: 'office-kit', subject: key },
    );
    return { id: e.id, topic, key, type: e.type, value: e.value, headers: e.headers };
  }

  async function received(until: (records: ReceivedRecord[]) => boolean): Promise<ReceivedRecord[]> {
    const records: ReceivedRecord[] = [];
    const sub = await bus.subscribe({
      groupId: `kit-relay-spec-${randomUUID()}`,
      topics: [topic],
      onRecord: async (r) => void records.push(r),
    });
    try {
      await eventually(`records on ${topic}`, async () => until(records), 60_000);
      return records;
    } finally {
      await sub.stop();
    }
  }

  const sentAt = async (id: string) =>
    ((await ds.query(`SELECT sent_at FROM outbox WHERE id = $1`, [id])) as { sent_at: Date | null }[])[0]
      ?.sent_at;

  it('publishes a backlog of several reads and sends, each send under the broker limit, every key in order, each row once', async () => {
    // 2,500 rows of ~4 kB for two keys: 10 MB, where one read (1,000 rows) is 4 MB, which no
    // partition would take in one record batch (1 MB): only sends cut by bytes go through.
    const keys = [randomUUID(), randomUUID()];
    const events = Array.from({ length: 2_500 }, (_, i) => event(keys[i % 2]!, 4_000));
    await ds.transaction((em) => appendToOutbox(em, events));

    const ids = new Set(events.map((e) => e.id));
    const records = await received((rs) => rs.filter((r) => ids.has(r.headers.ce_id!)).length >= ids.size);
    for (const key of keys) {
      const written = events.filter((e) => e.key === key).map((e) => e.id);
      expect(records.filter((r) => r.key === key).map((r) => r.headers.ce_id)).toEqual(written);
    }
    // A row is marked sent after the broker's ack, so a consumer can read a record before its mark commits.
    const marks = async () =>
      (
        (await ds.query(
          `SELECT count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent, count(*) FILTER (WHERE attempts = 1)::int AS once
             FROM outbox WHERE id = ANY($1::uuid[])`,
          [[...ids]],
        )) as { sent: number; once: number }[]
      )[0]!;
    await eventually('every row marked sent', async () => (await marks()).sent === 2_500, 60_000);
    expect(await marks()).toEqual({ sent: 2_500, once: 2_500 });
    await eventually('published rows counted', async () => published >= 2_500);
    expect(sends.length).toBeGreaterThanOrEqual(12);
    expect(Math.max(...sends)).toBeLessThanOrEqual(MAX_SEND_BYTES);
  });

  it('leaves the rows of a refused send unsent with the error recorded, and the key’s later rows wait behind them', async () => {
    const key = randomUUID();
    // Over the broker's 1 MB record batch limit on its own: refused (not retriable).
    const tooLarge = event(key, 1_200_000);
    const after = event(key, 100);
    const failuresBefore = failures;
    await ds.transaction((em) => appendToOutbox(em, [tooLarge, after]));
    const refused = await eventually('the refusal recorded', async () => {
      const [row] = await ds.query(`SELECT attempts, last_error, sent_at FROM outbox WHERE id = $1`, [
        tooLarge.id,
      ]);
      return row?.last_error ? row : undefined;
    });
    expect(refused).toMatchObject({ attempts: expect.any(Number), sent_at: null });
    expect(failures).toBeGreaterThan(failuresBefore);
    expect(await sentAt(after.id!)).toBeNull();

    // Once the poison row is gone (an operator's decision), the key's next row goes out.
    await ds.query(`DELETE FROM outbox WHERE id = $1`, [tooLarge.id]);
    relay.wake();
    await eventually('the row after it is sent', async () => (await sentAt(after.id!)) ?? undefined, 60_000);
  });
});
