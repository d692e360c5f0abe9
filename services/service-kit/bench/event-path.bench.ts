/**
 * The event path end to end, with the kit's own outbox relay and inbox consumer against a real
 * Postgres and Kafka (DATABASE_URL, KAFKA_BROKERS; `npm run bench` starts both):
 *  1. relay: 100,000 outbox rows (10,000 clients registered then updated 9 times) published from
 *     a backlog — rows/s;
 *  2. consumer: a new group applies that topic from its beginning to the client directory through
 *     the inbox — events/s and the time to catch up;
 *  3. lag: a steady 1,000 events/s committed to the outbox for 10 s while relay and consumer run —
 *     p50/p99 from each commit to the consumer's committed effect.
 * Each figure is printed as a `BENCH_FIGURE {json}` line for the suite's table. Bounded in time.
 * Run: DATABASE_URL=… KAFKA_BROKERS=… npx tsx bench/event-path.bench.ts
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ClientRegisteredSchema, ClientUpdatedSchema, encodeEvent } from '@fidu/proto-events';
import { applyClientEvent } from '../src/client-directory/client-directory';
import { applyClientEvents } from '../src/client-directory/client-directory-batch';
import { ClientDirectory1700000000001 } from '../src/client-directory/client-directory.migration';
import { openDataSource } from '../src/db/data-source';
import { createKafkaBus } from '../src/events/event-bus';
import { startInboxConsumer } from '../src/events/inbox-consumer';
import { appendToOutbox, type OutboxEvent } from '../src/events/outbox';
import { OutboxRelay } from '../src/events/outbox-relay';
import { createLogger } from '../src/logger';
import { createTestDatabase } from '../src/testing/test-helpers';
import { benchFigure as figure } from '../src/testing/bench-figure';

const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 100_000);
const PER_CLIENT = 10;
const STEADY_RATE = 1_000;
const STEADY_SECONDS = 10;

/** The events of `clients` new clients: each registered, then updated PER_CLIENT - 1 times. */
function clientEvents(topic: string, clients: number): OutboxEvent[] {
  const officeId = 'office-bench';
  const events: OutboxEvent[] = [];
  for (let c = 0; c < clients; c++) {
    const clientId = randomUUID();
    const meta = { source: 'clients', tenant: officeId, subject: clientId };
    const all = [
      encodeEvent(
        ClientRegisteredSchema,
        { clientId, officeId, companyName: `Bench ${c}`, clientCode: `B${c}`, language: 'fr', version: 1 },
        meta,
      ),
      ...Array.from({ length: PER_CLIENT - 1 }, (_, v) =>
        encodeEvent(
          ClientUpdatedSchema,
          { clientId, officeId, version: v + 2, changes: [{ field: 'email', newValue: `v${v}@bench.be` }] },
          meta,
        ),
      ),
    ];
    for (const e of all)
      events.push({
        id: e.headers.ce_id,
        topic,
        key: clientId,
        type: e.headers.ce_type!,
        value: e.value,
        headers: e.headers,
      });
  }
  return events;
}

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  process.stdout.write(`${what}: not done within ${timeoutMs} ms\n`);
  return false;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function main(): Promise<void> {
  const log = createLogger('event-bench', 'error');
  const url = await createTestDatabase('event_bench');
  const { dataSource: ds } = await openDataSource({
    url,
    entities: [],
    migrations: [ClientDirectory1700000000001],
    log,
  });
  const bus = createKafkaBus({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'event-bench',
    log,
  });
  const topic = `bench.clients.${randomUUID().slice(0, 8)}`;
  await bus.ensureTopics([topic]);

  // 1. The relay from a backlog.
  const backlog = clientEvents(topic, BACKLOG / PER_CLIENT);
  for (let i = 0; i < backlog.length; i += 10_000)
    await ds.transaction((em) => appendToOutbox(em, backlog.slice(i, i + 10_000)));
  const pending = async () =>
    (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`))[0].n as number;
  let relayed = 0;
  const relay = new OutboxRelay({
    dataSource: ds,
    databaseUrl: url,
    bus,
    log,
    pollIntervalMs: 200,
    onPublished: (topics) => void (relayed += topics.length),
  });
  let started = Date.now();
  await relay.start();
  // The database is asked only once the relay reports every row published: counting the pending
  // rows every 50 ms took a quarter of its CPU while the relay ran, a load the relay does not have.
  await waitFor('relay', async () => relayed >= backlog.length && (await pending()) === 0, 120_000);
  const relayMs = Date.now() - started;
  const relayRate = Math.round((backlog.length / relayMs) * 1000);
  process.stdout.write(`relay: ${backlog.length} rows in ${relayMs} ms\n`);
  figure('event path: relay publishes from a backlog', relayRate, 'rows/s', '>= 10,000', relayRate >= 10_000);

  // 2. A new consumer group from the beginning of the topic.
  const handledAt = new Map<string, number>();
  let handled = 0;
  started = Date.now();
  const consumer = await startInboxConsumer({
    dataSource: ds,
    bus,
    log,
    groupId: `bench-${randomUUID().slice(0, 8)}`,
    topics: [topic],
    handle: async (em, event) => void (await applyClientEvent(em, event)),
    handleBatch: async (em, events) => void (await applyClientEvents(em, events)),
    onHandled: (record) => {
      handled += 1;
      handledAt.set(record.headers.ce_id!, Date.now());
    },
  });
  await waitFor('consumer', async () => handled >= backlog.length, 120_000);
  const consumeMs = Date.now() - started;
  const consumeRate = Math.round((handled / consumeMs) * 1000);
  process.stdout.write(`consumer: ${handled}/${backlog.length} events in ${consumeMs} ms\n`);
  figure(
    'event path: consumer from a 100,000-event backlog',
    consumeRate,
    'events/s',
    '>= 5,000',
    consumeRate >= 5_000,
  );
  figure(
    'event path: backlog caught up in',
    consumeMs / 1000,
    's',
    '<= 30',
    consumeMs <= 30_000 && handled >= backlog.length,
  );

  // 3. Lag at a steady rate: batches of 10 committed every 10 ms.
  const committedAt = new Map<string, number>();
  const steady = clientEvents(topic, (STEADY_RATE * STEADY_SECONDS) / PER_CLIENT);
  const perTick = STEADY_RATE / 100;
  started = Date.now();
  for (let i = 0; i < steady.length; i += perTick) {
    const slice = steady.slice(i, i + perTick);
    await ds.transaction((em) => appendToOutbox(em, slice));
    const at = Date.now();
    for (const e of slice) committedAt.set(e.id!, at);
    const due = started + ((i + perTick) / STEADY_RATE) * 1000;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
  }
  const sentRate = Math.round((steady.length / (Date.now() - started)) * 1000);
  await waitFor('steady lag', async () => [...committedAt.keys()].every((id) => handledAt.has(id)), 60_000);
  const lags = [...committedAt].map(([id, at]) => (handledAt.get(id) ?? Infinity) - at).sort((a, b) => a - b);
  const p50 = percentile(lags, 0.5);
  const p99 = percentile(lags, 0.99);
  process.stdout.write(`lag at ${sentRate} events/s offered: p50 ${p50} ms, p99 ${p99} ms\n`);
  figure('event path: lag commit -> effect p50 at 1,000 events/s', p50, 'ms', '<= 50', p50 <= 50);
  figure('event path: lag commit -> effect p99 at 1,000 events/s', p99, 'ms', '<= 200', p99 <= 200);

  await consumer.stop();
  await relay.stop();
  await bus.close();
  await ds.destroy();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
