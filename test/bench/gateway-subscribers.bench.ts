/**
 * Benchmark: 1,000 concurrent graphql-ws subscribers on one gateway receiving a stream of
 * ClientUpdated events from Kafka. Reports delivery latency (event time → received by the
 * subscriber) p50/p99 and the gateway's memory (RSS, heap), for two selections: event fields only,
 * and with `client { companyName }` resolved through the supergraph.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx test/bench/gateway-subscribers.bench.ts [--subscribers 1000] [--offices 10] [--events 200] [--rate 50]
 *
 * Loopback only; bounded (aborts after 180 s). It starts its own Kafka broker (so its synthetic
 * events never reach another run's consumers) and a throw-away clients database, both removed at the
 * end; the clients subgraph (services/clients/dist: build first) and the gateway run in child
 * processes, the subscribers in this one.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { DEV_JWT_SECRET } from '@fidu/gateway';
import { freePort, startKafka } from '@fidu/infra';
import { ClientUpdatedSchema, encodeEvent } from '@fidu/proto-events';
import { createKafkaBus, createLogger, type Principal } from '@fidu/service-kit';
import { createTestDatabase } from '@fidu/service-kit/testing';
import { mintToken } from '@fidu/service-kit/bearer-token';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    offices: { type: 'string', default: '10' },
    events: { type: 'string', default: '200' },
    rate: { type: 'string', default: '50' },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const OFFICES = Number(values.offices);
const EVENTS = Number(values.events);
const RATE = Number(values.rate);
const DEADLINE = setTimeout(() => {
  process.stderr.write('benchmark: aborted after 180 s\n');
  process.exit(1);
}, 180_000);
const say = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Stats {
  memory: NodeJS.MemoryUsage;
  listeners: number;
  connections: number;
  supergraphOperations: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (see the header of this file)');
  const log = createLogger('bench', 'error');
  const kafkaDir = await mkdtemp(join(tmpdir(), 'fidu-bench-kafka-'));
  const kafka = await startKafka({ dataDir: kafkaDir, log: () => undefined });
  process.env.KAFKA_BROKERS = kafka.brokers.join(',');
  const databaseUrl = await createTestDatabase('bench_clients');
  const clientsPort = await freePort();
  const clients = spawn(
    process.execPath,
    [join(__dirname, '..', '..', 'services', 'clients', 'dist', 'main.js')],
    {
      env: {
        ...process.env,
        PORT: String(clientsPort),
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'error',
        KAFKA_GROUP_ID: `clients-bench-${randomUUID()}`,
      },
      stdio: 'inherit',
    },
  );
  const clientsUrl = `http://127.0.0.1:${clientsPort}/graphql`;
  for (let ready = false; !ready; await sleep(200)) {
    ready = await fetch(`http://127.0.0.1:${clientsPort}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (clients.exitCode !== null)
      throw new Error('the clients service exited; build it first (npx turbo run build)');
  }

  const gatewayProcess: ChildProcess = fork(join(__dirname, 'gateway-process.ts'), {
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    env: { ...process.env, PORT: '0', CLIENTS_URL: clientsUrl, LOG_LEVEL: 'error', MAX_QUERY_ALIASES: '15' },
  });
  const ask = <T>(message: string, type: string) =>
    new Promise<T>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type !== type) return;
        gatewayProcess.off('message', on);
        resolve(m as T);
      };
      gatewayProcess.on('message', on);
      if (message) gatewayProcess.send(message);
    });
  const { url } = await ask<{ url: string }>('', 'ready');
  const stats = (gc = false) => ask<Stats & { type: string }>(gc ? 'stats-after-gc' : 'stats', 'stats');
  const bus = createKafkaBus({ brokers: kafka.brokers, clientId: 'bench', log });

  // One client per office, created through the gateway as that office.
  const offices = await Promise.all(
    Array.from({ length: OFFICES }, async (_, i) => {
      const principal: Principal = {
        kind: 'office',
        officeId: randomUUID(),
        userId: 'bench',
        roles: ['admin'],
      };
      const token = await mintToken(principal, DEV_JWT_SECRET);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } } }',
          variables: { input: { companyName: `Bench ${i} SRL`, clientCode: `B${i}`, language: 'FR' } },
        }),
      });
      const body = (await res.json()) as {
        data?: { createClient: { client: { id: string } } };
        errors?: unknown;
      };
      if (!body.data) throw new Error(`createClient failed: ${JSON.stringify(body.errors)}`);
      return { officeId: principal.officeId, token, clientId: body.data.createClient.client.id };
    }),
  );

  const idle = await stats(true);
  say(`gateway idle: RSS ${mb(idle.memory.rss)}, heap used ${mb(idle.memory.heapUsed)}`);
  say(
    `${SUBSCRIBERS} subscribers over ${OFFICES} offices, ${EVENTS} events at ${RATE}/s (each event reaches ${SUBSCRIBERS / OFFICES} subscribers)\n`,
  );

  for (const phase of [
    {
      name: 'event fields only',
      query: 'subscription { clientChanged { eventId clientId version occurredAt } }',
    },
    {
      name: 'with client { companyName } via supergraph',
      query: 'subscription { clientChanged { eventId clientId version occurredAt client { companyName } } }',
    },
  ]) {
    const latencies: number[] = [];
    let errors = 0;
    let foreign = 0;
    const connections: Client[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const office = offices[i % OFFICES] as (typeof offices)[number];
      const client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${office.token}` },
        retryAttempts: 0,
      });
      connections.push(client);
      client.subscribe<{ clientChanged: { occurredAt: string; version: number; clientId: string } }>(
        { query: phase.query },
        {
          next: (value) => {
            if (value.errors || !value.data) errors++;
            // Tenancy: an office's subscriber must only ever see its own client's events.
            else if (value.data.clientChanged.clientId !== office.clientId) foreign++;
            // Only the benchmark's own events (version ≥ 2), not the ClientRegistered of the setup.
            else if (value.data.clientChanged.version >= 2)
              latencies.push(Date.now() - Date.parse(value.data.clientChanged.occurredAt));
          },
          error: () => errors++,
          complete: () => undefined,
        },
      );
    }
    const started = Date.now();
    while ((await stats()).listeners < SUBSCRIBERS) {
      if (Date.now() - started > 60_000) throw new Error('subscribers did not all register within 60 s');
      await sleep(100);
    }
    const subscribed = await stats(true);
    const operationsBefore = subscribed.supergraphOperations;
    let peakRss = subscribed.memory.rss;
    let peakHeap = subscribed.memory.heapUsed;
    const sampler = setInterval(() => {
      void stats().then((s) => {
        peakRss = Math.max(peakRss, s.memory.rss);
        peakHeap = Math.max(peakHeap, s.memory.heapUsed);
      });
    }, 250);

    const streamStart = Date.now();
    for (let n = 0; n < EVENTS; n++) {
      const office = offices[n % OFFICES] as (typeof offices)[number];
      const event = encodeEvent(
        ClientUpdatedSchema,
        {
          clientId: office.clientId,
          officeId: office.officeId,
          version: n + 2,
          changes: [{ field: 'email', newValue: `e${n}@bench.be` }],
        },
        { source: 'clients', tenant: office.officeId, subject: office.clientId, time: new Date() },
      );
      await bus.publish([event]);
      const due = streamStart + ((n + 1) * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    const expected = EVENTS * (SUBSCRIBERS / OFFICES);
    const waitStart = Date.now();
    while (latencies.length + errors < expected && Date.now() - waitStart < 30_000) await sleep(100);
    const streamSeconds = (Date.now() - streamStart) / 1000;
    clearInterval(sampler);
    const after = await stats();

    await Promise.all(connections.map((c) => c.dispose()));
    const drainStart = Date.now();
    let drained = await stats();
    while ((drained.listeners > 0 || drained.connections > 0) && Date.now() - drainStart < 30_000) {
      await sleep(100);
      drained = await stats();
    }
    await sleep(1000);
    drained = await stats(true);
    await sleep(10_000);
    const settled = await stats(true);

    const sorted = [...latencies].sort((a, b) => a - b);
    say(`— ${phase.name}`);
    say(
      `  delivered ${latencies.length}/${expected} (errors ${errors}, to another office ${foreign}) in ${streamSeconds.toFixed(1)} s`,
    );
    say(
      `  latency p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms`,
    );
    say(`  supergraph operations for the stream: ${after.supergraphOperations - operationsBefore}`);
    say(
      `  gateway with ${SUBSCRIBERS} subscribers (after GC): RSS ${mb(subscribed.memory.rss)}, heap used ${mb(subscribed.memory.heapUsed)}`,
    );
    say(`  gateway peak during the stream: RSS ${mb(peakRss)}, heap used ${mb(peakHeap)}`);
    say(
      `  after all disconnected (after GC): listeners ${drained.listeners}, connections ${drained.connections}, RSS ${mb(drained.memory.rss)}, heap used ${mb(drained.memory.heapUsed)}`,
    );
    say(`  10 s later (after GC): RSS ${mb(settled.memory.rss)}, heap used ${mb(settled.memory.heapUsed)}\n`);
  }

  gatewayProcess.send('stop');
  await new Promise((r) => gatewayProcess.once('exit', r));
  await bus.close();
  clients.kill('SIGTERM');
  await new Promise((r) => clients.once('exit', r));
  const admin = new PgClient({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
  await kafka.stop();
  await rm(kafkaDir, { recursive: true, force: true });
  clearTimeout(DEADLINE);
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
