/**
 * How fast the mandates service consumes the clients topic from the beginning (what a new
 * consumer group does): starts the service on a fresh database and times until its inbox holds
 * as many events as the topic (or stops growing for 2 s: redelivered duplicates are not counted
 * twice). Bounded to 2 minutes; only 127.0.0.1 traffic when the brokers are local. Run: DATABASE_URL=… KAFKA_BROKERS=… npx tsx bench/consume-backlog.ts
 */
import 'reflect-metadata';
import { Kafka, logLevel } from 'kafkajs';
import { createTestDatabase, testServiceConfig } from '@fidu/service-kit';
import { createApp } from '../src/app';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets('clients.client.v1');
  await admin.disconnect();
  const total = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  const started = Date.now();
  const service = await createApp(testServiceConfig('mandates', await createTestDatabase('mandates_bench')));
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
