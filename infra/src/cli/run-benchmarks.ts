/**
 * `npm run bench`: every benchmark the issues name, one after the other, against a real Postgres
 * and Kafka it starts itself (or DATABASE_URL / KAFKA_BROKERS). Each script is bounded in time
 * and sends traffic to 127.0.0.1 only. A script reports its figures as `BENCH_FIGURE {json}` lines on
 * stdout; the run ends with one table of them all (figure, target, pass or fall-short, load average).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
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
    name: 'event path: relay and consumer from a 100,000-event backlog, lag at 1,000 events/s',
    cwd: 'services/service-kit',
    script: 'bench/event-path.bench.ts',
  },
  {
    name: 'event path: mandates, connectors and titres-services consume a burst of 20,000 client events',
    cwd: '.',
    script: 'test/bench/service-consumers.bench.ts',
  },
  { name: 'gateway: 1,000 subscribers', cwd: '.', script: 'test/bench/gateway-subscribers.bench.ts' },
  {
    name: 'gateway: office dashboard, ours vs Hive Gateway (JS and Rust planners)',
    cwd: '.',
    script: 'test/bench/gateway-peers.bench.ts',
  },
];

/** One figure a benchmark printed as `BENCH_FIGURE {json}` on its stdout. */
interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string;
  /** null: a figure shown for context, with no target of its own. */
  pass: boolean | null;
  /** The machine's 1-minute load average when the figure was taken. */
  load: string;
}

/** Figures out of a benchmark's stdout; every other line is passed through as it was. */
function figuresOf(stdout: string): Figure[] {
  const figures: Figure[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('BENCH_FIGURE '))
      figures.push(JSON.parse(line.slice('BENCH_FIGURE '.length)) as Figure);
    else if (line) process.stdout.write(`${line}\n`);
  }
  return figures;
}

/** The one table of the run: each figure, its target, pass or fall-short, and the load average. */
function printTable(rows: { bench: string; figure: Figure }[]): void {
  const verdict = (pass: boolean | null) => (pass === null ? '' : pass ? 'pass' : 'FALLS SHORT');
  const cells = rows.map(({ bench, figure: f }) => [
    bench,
    f.name,
    `${f.value} ${f.unit}`,
    f.target,
    verdict(f.pass),
    f.load,
  ]);
  const header = ['benchmark', 'figure', 'value', 'target', 'result', 'load avg'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    `\n${[line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`,
  );
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const infra = await startLocalInfra({
    rootDir: root,
    purpose: 'test',
    log: (l) => process.stderr.write(`  ${l}\n`),
  });
  let failed = 0;
  const rows: { bench: string; figure: Figure }[] = [];
  try {
    for (const bench of BENCHMARKS.filter((b) => !only || b.script.includes(only))) {
      process.stdout.write(`\n=== ${bench.name}\n`);
      const run = spawnSync('npx', ['tsx', bench.script, ...(bench.args ?? [])], {
        cwd: resolve(root, bench.cwd),
        // stdout is read for the figures (and passed through); progress goes to stderr as it comes.
        stdio: ['inherit', 'pipe', 'inherit'],
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          ...bench.env,
          DATABASE_URL: infra.databaseAdminUrl,
          KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        },
      });
      for (const figure of figuresOf(run.stdout ?? '')) rows.push({ bench: bench.script, figure });
      if (run.status !== 0) failed += 1;
      rows.push({
        bench: bench.script,
        figure: {
          name: 'completed',
          value: run.status ?? -1,
          unit: 'exit code',
          target: '0',
          pass: run.status === 0,
          load: loadavg()[0]!.toFixed(1),
        },
      });
    }
    printTable(rows);
  } finally {
    await infra.stop();
  }
  process.exit(failed > 0 ? 1 : 0);
}

void main();
