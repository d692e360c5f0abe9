import { loadavg } from 'node:os';

/**
 * Prints one benchmark figure as a `BENCH_FIGURE {json}` line on stdout, with the machine's 1-minute
 * load average at that moment: `npm run bench` (infra/src/cli/run-benchmarks.ts) collects these
 * lines into its table. `pass` is null for a figure reported without a target of its own.
 */
export function benchFigure(
  name: string,
  value: number,
  unit: string,
  target: string,
  pass: boolean | null,
): void {
  const load = loadavg()[0]!.toFixed(1);
  process.stdout.write(`BENCH_FIGURE ${JSON.stringify({ name, value, unit, target, pass, load })}\n`);
}
