/**
 * How long the test federation takes to boot: `startSystem()` (four subgraphs and the gateway,
 * what each e2e file waits for) and one service's `createApp` alone (mandates: it consumes several
 * topics), each on fresh databases and new consumer groups, as tests start them. Prints each run,
 * the median and the load average (the machine is shared, so figures are only comparable side by
 * side). Run (after `npx turbo run build`):
 * DATABASE_URL=… KAFKA_BROKERS=… npx tsx test/bench/boot-time.ts [runs, default 3]
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { createApp as createMandates } from '@fidu/mandates';
import { createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { startSystem } from '../support/system';

/** Results go to stdout, one line each. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const runs = Number(process.argv[2] ?? 3);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time<T>(
  label: string,
  prepare: () => Promise<T>,
  boot: (prepared: T) => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const prepared = await prepare();
    const started = performance.now();
    const running = await boot(prepared);
    seconds.push((performance.now() - started) / 1000);
    await running.stop();
    say(`${label} run ${i + 1}: ${seconds.at(-1)!.toFixed(2)} s (loadavg ${loadavg()})`);
  }
  say(`${label}: median ${median(seconds).toFixed(2)} s over ${runs} runs`);
}

async function main(): Promise<void> {
  // The database is created outside the timing of createApp (startSystem creates its own, timed).
  await time(
    'mandates createApp',
    () => createTestDatabase('mandates_boot'),
    (url) => createMandates(testServiceConfig('mandates', url)),
  );
  await time(
    'startSystem',
    async () => undefined,
    () => startSystem(),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
  },
);
