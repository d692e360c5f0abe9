/**
 * How fast the mandates service consumes the clients topic from the beginning (what a new
 * consumer group does): starts the service on a fresh database and times until its inbox holds
 * as many events as the topic (or stops growing for 2 s: redelivered duplicates are not counted
 * twice). On a topic holding fewer than BENCH_BACKLOG events (default 20,000: 2,000 clients registered
 * then updated 9 times) it first publishes that backlog itself. Bounded to 2 minutes; only
 * 127.0.0.1 traffic when the brokers are local. Run: DATABASE_URL=… KAFKA_BROKERS=… npx tsx bench/consume-backlog.ts
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ClientRegisteredSchema, ClientUpdatedSchema, encodeEvent } from '@fidu/proto-events';
import { createKafkaBus, createLogger } from '@fidu/service-kit';
import { createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp } from '../src/app';

/** Publishes `clients` registrations and updates, as the clients service would, in batches. */
async function publishBacklog(brokers: string[], events: number): Promise<void> {
  const bus = createKafkaBus({ brokers, clientId: 'mandates-bench', log: createLogger('bench', 'error') });
  await bus.ensureTopics(['clients.client.v1']);
  const officeId = 'office-bench';
  const perClient = 10;
  for (let c = 0; c < events / perClient; c++) {
    const clientId = randomUUID();
    const batch = [
      encodeEvent(
        ClientRegisteredSchema,
        {
          clientId,
          officeId,
          companyName: `Bench ${c} SRL`,
          clientCode: `B${c}`,
          language: 'fr',
          version: 1,
        },
        { source: 'clients', tenant: officeId, subject: clientId },
      ),
      ...Array.from({ length: perClient - 1 }, (_, v) =>
        encodeEvent(
          ClientUpdatedSchema,
          {
            clientId,
            officeId,
            version: v + 2,
            changes: [{ field: 'email', newValue: `v${v + 2}@bench.be` }],
          },
          { source: 'clients', tenant: officeId, subject: clientId },
        ),
      ),
    ];
    await bus.publish(batch);
  }
  await bus.close();
}

async function topicSize(brokers: string[]): Promise<number> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets('clients.client.v1').catch(() => []);
  await admin.disconnect();
  return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
}

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');
  const wanted = Number(process.env.BENCH_BACKLOG ?? 20_000);
  if ((await topicSize(brokers)) < wanted) await publishBacklog(brokers, wanted);
  const total = await topicSize(brokers);
  const started = Date.now();
  // A new group reads the topic from its beginning, as in production (tests start at the end).
  const service = await createApp(
    testServiceConfig('mandates', await createTestDatabase('mandates_bench'), { newGroupStartsAtEnd: false }),
  );
  const ready = Date.now();
  const deadline = Date.now() + 120_000;
  let done = 0;
  let lastGrowth = Date.now();
  let lastDoneAt = ready;
  while (Date.now() < deadline) {
    const n = (await service.dataSource.query(`SELECT count(*)::int AS n FROM inbox`))[0].n as number;
    if (n > done) {
      done = n;
      lastGrowth = Date.now();
      lastDoneAt = lastGrowth;
    }
    if (done >= total || Date.now() - lastGrowth > 2000) break;
    if (process.env.BENCH_VERBOSE) process.stdout.write(`${Date.now() - ready} ms: ${done}\n`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ms = Math.max(1, lastDoneAt - ready);
  process.stdout.write(
    `start-up ${ready - started} ms; consumed ${done}/${total} events in ${ms} ms (${((done / ms) * 1000).toFixed(0)} events/s)\n`,
  );
  await service.stop();
}

void main();
