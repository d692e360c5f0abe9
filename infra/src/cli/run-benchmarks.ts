/**
 * `npm run bench`: every benchmark the issues name, one after the other, against a real Postgres
 * and Kafka it starts itself (or DATABASE_URL / KAFKA_BROKERS). Each script is bounded in time
 * and sends traffic to 127.0.0.1 only; their figures are printed as they come.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startLocalInfra } from '../local-infra';

const root = resolve(__dirname, '..', '..', '..');
const BENCHMARKS: {
  name: string;
  cwd: string;
  script: string;
  args?: string[];
  env?: Record<string, string>;
}[] = [
  {
    name: 'connectors: associate all (10,000 clients)',
    cwd: 'services/connectors',
    script: 'bench/associate-all.bench.ts',
  },
  {
    name: 'connectors: daily export of 200,000 entries, streamed',
    cwd: 'services/connectors',
    script: 'bench/export-stream.bench.ts',
  },
  {
    // The proof of flat memory: the same export completes with the heap capped below file size + rows.
    name: 'connectors: the same export with the heap capped at 80 MB',
    cwd: 'services/connectors',
    script: 'bench/export-stream.bench.ts',
    env: { NODE_OPTIONS: '--max-old-space-size=80' },
  },
  {
    name: 'titres-services: concurrent attribution and streamed export',
    cwd: 'services/titres-services',
    script: 'bench/wallet-and-export.bench.ts',
  },
  {
    name: 'clients: import 10,000 clients through the gateway (list and CSV), burst downstream',
    cwd: '.',
    script: 'test/bench/clients-bulk-import.bench.ts',
  },
  {
    name: 'mandates: consuming a client-event backlog',
    cwd: 'services/mandates',
    script: 'bench/consume-backlog.ts',
  },
  { name: 'gateway: 1,000 subscribers', cwd: '.', script: 'test/bench/gateway-subscribers.bench.ts' },
];

async function main(): Promise<void> {
  const only = process.argv[2];
  const infra = await startLocalInfra({
    rootDir: root,
    purpose: 'test',
    log: (l) => process.stderr.write(`  ${l}\n`),
  });
  let failed = 0;
  try {
    for (const bench of BENCHMARKS.filter((b) => !only || b.script.includes(only))) {
      process.stdout.write(`\n=== ${bench.name}\n`);
      const run = spawnSync('npx', ['tsx', bench.script, ...(bench.args ?? [])], {
        cwd: resolve(root, bench.cwd),
        stdio: 'inherit',
        env: {
          ...process.env,
          ...bench.env,
          DATABASE_URL: infra.databaseAdminUrl,
          KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        },
      });
      if (run.status !== 0) failed += 1;
    }
  } finally {
    await infra.stop();
  }
  process.exit(failed > 0 ? 1 : 0);
}

void main();
