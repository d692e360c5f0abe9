import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { startLocalInfra, LocalInfra } from './local-infra';

// Real servers, no mocks. The first run resolves ~50 MB of Kafka jars from Maven Central.
const SETUP_TIMEOUT_MS = 10 * 60_000;
const rootDir = path.resolve(__dirname, '..', '..', '.data', 'infra-spec');

/** Command lines of running processes that mention `needle` (to check what we spawned is gone). */
function processesMentioning(needle: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
        return cmdline.includes(needle) ? [cmdline] : [];
      } catch {
        return []; // exited while we looked
      }
    });
}

describe('startLocalInfra (purpose: test)', () => {
  let infra: LocalInfra | undefined;
  const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, KAFKA_BROKERS: process.env.KAFKA_BROKERS };
  // Every process of this spec's run has its data (and so its command line) under here.
  const runDir = path.join(rootDir, '.data', 'test', `run-${process.pid}`);

  beforeAll(async () => {
    // When run under the repo-wide global setup these point at the shared servers; we want our own.
    delete process.env.DATABASE_URL;
    delete process.env.KAFKA_BROKERS;
    infra = await startLocalInfra({ rootDir, purpose: 'test', log: () => undefined });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await infra?.stop();
    Object.assign(process.env, savedEnv);
  }, 30_000);

  it('creates a database (idempotently) that answers queries', async () => {
    const url = await infra!.createDatabase('infra_spec');
    expect(await infra!.createDatabase('infra_spec')).toBe(url);
    expect(url).toMatch(/^postgres:\/\/.*@127\.0\.0\.1:\d+\/infra_spec$/);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('round-trips a message through a new topic with a consumer group', async () => {
    const kafka = new Kafka({
      clientId: 'infra-spec',
      brokers: infra!.kafkaBrokers,
      // The first send to an auto-created topic logs retried LEADER_NOT_AVAILABLE errors; real
      // failures still reject the calls below.
      logLevel: logLevel.NOTHING,
    });
    const topic = `infra-spec-${Date.now()}`;
    const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = kafka.consumer({ groupId: `infra-spec-${Date.now()}` });
    try {
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'hello kafka' }] });

      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<string>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') });
      });
      expect(await received).toBe('hello kafka');
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  }, 60_000);

  it('stops the broker (and Postgres) it started and removes their data', async () => {
    const java = processesMentioning(runDir).filter((cmd) => cmd.includes('kafka.Kafka'));
    expect(java).toHaveLength(1);
    await infra!.stop();
    expect(processesMentioning(runDir)).toEqual([]);
    expect(existsSync(runDir)).toBe(false);
  }, 30_000);
});
