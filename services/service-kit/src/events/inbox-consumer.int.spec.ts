import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClientRegisteredSchema, deadLetterTopicOf, encodeEvent } from '@fidu/proto-events';
import { OutboxInboxTables1700000000000 } from '../db/outbox-inbox.migration';
import { ParkedEvents1700000000004 } from '../db/parked-event.migration';
import { createLogger } from '../logger';
import { createTestDatabase, eventually } from '../testing/test-helpers';
import { createKafkaBus, type BusRecord, type EventBus, type ReceivedRecord } from './event-bus';
import { startInboxConsumer, type EventHandler, type InboxConsumer } from './inbox-consumer';

/** Transient failures are waited out, poison messages parked and replayed (real Postgres + Kafka). */
describe('inbox consumer: waiting, parking and replay (real Postgres + Kafka)', () => {
  const log = createLogger('kit-inbox-spec', 'error');
  let ds: DataSource;
  let bus: EventBus;
  // A topic of this run only: the shared topics carry other tests' messages.
  const topic = `kit-inbox-spec.${randomUUID()}`;

  beforeAll(async () => {
    const url = await createTestDatabase('kit_inbox');
    ds = new DataSource({
      type: 'postgres',
      url,
      migrations: [OutboxInboxTables1700000000000, ParkedEvents1700000000004],
    });
    await ds.initialize();
    await ds.runMigrations();
    // The transaction id shows which effects were applied together.
    await ds.query(`CREATE TABLE effect (event_id text NOT NULL, tx bigint NOT NULL DEFAULT txid_current())`);
    bus = createKafkaBus({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'kit-inbox-spec', log });
    await bus.ensureTopics([topic, deadLetterTopicOf(topic)]);
  });
  afterAll(async () => {
    await bus?.close();
    await ds?.destroy();
  });

  /** An event on this run's topic; one key for all, so they share a partition and keep their order. */
  function event(key = 'k1'): BusRecord & { id: string } {
    const clientId = randomUUID();
    const e = encodeEvent(
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
    return { ...e, id: e.id, topic, key };
  }

  /** Records each applied event in the handler's transaction: the effect a replay must not repeat. */
  const recordEffect: EventHandler = async (em, e) => {
    await em.query(`INSERT INTO effect (event_id) VALUES ($1)`, [e.id]);
  };
  const effectsOf = async (id: string): Promise<number> =>
    (await ds.query(`SELECT count(*)::int AS n FROM effect WHERE event_id = $1`, [id]))[0].n;

  async function consume(handle: EventHandler): Promise<InboxConsumer> {
    return startInboxConsumer({
      dataSource: ds,
      bus,
      log,
      groupId: `kit-inbox-${randomUUID()}`,
      topics: [topic],
      handle,
      blockedBackoff: { initialMs: 50, maxMs: 500 },
    });
  }

  it('waits while the failure is the infrastructure’s: blocked, nothing parked, nothing skipped', async () => {
    const first = event();
    const second = event();
    let outage = true;
    const consumer = await consume(async (em, e) => {
      // What pg reports for a terminated backend: the handler cannot tell it from a bug.
      if (outage)
        throw Object.assign(new Error('terminating connection due to administrator command'), {
          code: '57P01',
        });
      await recordEffect(em, e);
    });
    try {
      await bus.publish([first, second]);
      await eventually('the consumer reports itself blocked', async () => consumer.isBlocked());
      const blockedAt = Date.now();
      const seen = { unblocked: false, parked: false };
      // Longer than the old consumer's five tries (about 3 s): still waiting, still nothing parked.
      await eventually(
        'the outage outlasts the old retry budget',
        async () => {
          seen.unblocked ||= !consumer.isBlocked();
          seen.parked ||= (await ds.query(`SELECT 1 FROM parked_event`)).length > 0;
          return Date.now() - blockedAt > 6000;
        },
        20_000,
      );
      expect(seen).toEqual({ unblocked: false, parked: false });
      outage = false;
      await eventually('both events applied, in order', async () => {
        const rows: { event_id: string }[] = await ds.query(`SELECT event_id FROM effect ORDER BY ctid`);
        return rows.map((r) => r.event_id).join() === [first.id, second.id].join();
      });
      expect(consumer.isBlocked()).toBe(false);
      expect(await ds.query(`SELECT 1 FROM parked_event`)).toEqual([]);
    } finally {
      await consumer.stop();
    }
  });

  it('parks a message that fails for a reason inside it, goes on, and replays it once', async () => {
    const poison = event('k2');
    const next = event('k2');
    let broken = true;
    const consumer = await consume(async (em, e) => {
      if (broken && e.id === poison.id) throw new Error(`cannot apply ${e.id}: unexpected data`);
      await recordEffect(em, e);
    });
    const dlq: ReceivedRecord[] = [];
    const dlqSub = await bus.subscribe({
      groupId: `kit-dlq-${randomUUID()}`,
      topics: [deadLetterTopicOf(topic)],
      onRecord: async (r) => void dlq.push(r),
    });
    try {
      await bus.publish([poison, next]);
      await eventually('the next message is applied', async () => (await effectsOf(next.id)) === 1);
      const page = await consumer.list({ first: 10 });
      const parked = page.nodes.find((p) => p.eventId === poison.id);
      expect(parked).toMatchObject({ topic, key: 'k2', attempts: 3, replayedAt: null, replayResult: null });
      expect(parked?.error).toMatch(/unexpected data/);
      expect(Buffer.from(parked!.value).equals(Buffer.from(poison.value))).toBe(true);
      expect(page.pendingCount).toBeGreaterThanOrEqual(1);
      expect(consumer.isBlocked()).toBe(false);
      await eventually('a copy is on the dead-letter topic', async () =>
        dlq.some((r) => r.headers.parked_event_id === parked!.id),
      );

      // Still broken: the replay records the new error and the event stays pending.
      const failed = await consumer.replay(parked!.id, 'op-1');
      expect(failed).toMatchObject({ replayResult: 'FAILED', replayedAt: null, attempts: 4 });
      broken = false;
      const applied = await consumer.replay(parked!.id, 'op-1');
      expect(applied).toMatchObject({ replayResult: 'APPLIED', replayedBy: 'op-1' });
      expect(applied?.replayedAt).toBeInstanceOf(Date);
      expect(await effectsOf(poison.id)).toBe(1);
      // A replay of what is already applied changes nothing.
      const again = await consumer.replay(parked!.id, 'op-2');
      expect(again).toMatchObject({ replayResult: 'ALREADY_APPLIED', replayedBy: 'op-2' });
      expect(await effectsOf(poison.id)).toBe(1);
      expect(await consumer.replay(randomUUID(), 'op-1')).toBeUndefined();
    } finally {
      await dlqSub.stop();
      await consumer.stop();
    }
  });

  it('parks an undecodable message at once; its replay fails with the decoding error', async () => {
    const garbage: BusRecord = { topic, key: 'k3', value: Buffer.from('not protobuf at all'), headers: {} };
    const next = event('k3');
    const consumer = await consume(recordEffect);
    try {
      await bus.publish([garbage, next]);
      await eventually('the next message is applied', async () => (await effectsOf(next.id)) === 1);
      const { nodes } = await consumer.list({ first: 100 });
      const parked = nodes.find((p) => p.key === 'k3');
      expect(parked).toMatchObject({ attempts: 1, eventId: null, eventType: null });
      expect(parked?.error).toMatch(/MalformedEventError|EventEnvelope/);
      const replayed = await consumer.replay(parked!.id, 'op-1');
      expect(replayed).toMatchObject({ replayResult: 'FAILED', replayedAt: null, attempts: 2 });
    } finally {
      await consumer.stop();
    }
  });

  /** The effects of these events, in the order they were applied: event ids and transaction ids. */
  async function appliedInOrder(ids: string[]): Promise<{ event_id: string; tx: string }[]> {
    return ds.query(`SELECT event_id, tx FROM effect WHERE event_id = ANY($1) ORDER BY ctid`, [ids]);
  }

  it('applies a batch in few transactions, in key order, skipping duplicates in and across batches', async () => {
    const events = Array.from({ length: 200 }, () => event('k4'));
    const ids = events.map((e) => e.id);
    const consumer = await consume(recordEffect);
    try {
      // The tenth event twice in the same publish: redelivered within one batch.
      await bus.publish([...events.slice(0, 10), events[9]!, ...events.slice(10)]);
      await eventually('all applied', async () => (await appliedInOrder(ids)).length >= events.length);
      const applied = await appliedInOrder(ids);
      expect(applied.map((r) => r.event_id)).toEqual(ids);
      expect(new Set(applied.map((r) => r.tx)).size).toBeLessThan(events.length / 10);
      // Redelivered later (a relay republishing after a crash): the inbox absorbs them all.
      const marker = event('k4');
      await bus.publish([...events.slice(0, 50), marker]);
      await eventually(
        'the marker after the duplicates is applied',
        async () => (await effectsOf(marker.id)) === 1,
      );
      expect((await appliedInOrder(ids)).map((r) => r.event_id)).toEqual(ids);
    } finally {
      await consumer.stop();
    }
  });

  it('parks a poison record of a batch alone: the records around it apply, in order', async () => {
    const events = Array.from({ length: 40 }, () => event('k5'));
    const poison = events[17]!;
    const consumer = await consume(async (em, e) => {
      if (e.id === poison.id) throw new Error(`cannot apply ${e.id}: unexpected data`);
      await recordEffect(em, e);
    });
    try {
      await bus.publish(events);
      const healthy = events.filter((e) => e !== poison).map((e) => e.id);
      await eventually(
        'the rest of the batch is applied',
        async () => (await appliedInOrder(healthy)).length === healthy.length,
      );
      const applied = await appliedInOrder(healthy);
      expect(applied.map((r) => r.event_id)).toEqual(healthy);
      // The records before the poison one in one batch, those after it in another.
      expect(new Set(applied.map((r) => r.tx)).size).toBeLessThan(healthy.length / 4);
      expect(await effectsOf(poison.id)).toBe(0);
      await eventually('the poison record is parked', async () =>
        (await consumer.list({ first: 100 })).nodes.some((p) => p.eventId === poison.id),
      );
      expect(consumer.isBlocked()).toBe(false);
    } finally {
      await consumer.stop();
    }
  });
});
