/**
 * `npm test`: the lint and every Jest project (unit, integration, end-to-end) side by side — the
 * end-to-end tests spend much of their time waiting on Kafka and Postgres, which the lint fills —
 * then one summary line: `tests: N passed, M failed[, K skipped]` (a failed lint counts as one).
 * Jest's output streams as it comes; the lint's is printed after it, in one piece.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const results = join(root, 'test-results.json');
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Runs a command to its end; its output either streams or is kept for later. */
function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; keepOutput?: boolean } = {},
): Promise<{ status: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: options.keepOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => done({ status: null, output: `${output}${error.message}\n` }));
    child.on('close', (status) => done({ status, output }));
  });
}

async function main(): Promise<void> {
  rmSync(results, { force: true });
  const started = Date.now();
  // The README's lint command: ESLint over the whole tree, buf lint, the import rules, Prettier.
  const lint = run('npm', ['run', 'lint', '--silent'], { keepOutput: true });
  const jest = await run(process.execPath, [
    join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--ci',
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
  ]);
  const linted = await lint;

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(results)) {
    const r = JSON.parse(readFileSync(results, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numRuntimeErrorTestSuites: number;
    };
    passed = r.numPassedTests;
    // A suite that crashed before running its tests counts as a failure, never as nothing.
    failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    skipped = r.numPendingTests + r.numTodoTests;
  } else {
    failed = 1;
  }
  if (jest.status !== 0 && failed === 0) failed = 1;
  if (linted.status !== 0) {
    process.stdout.write(linted.output);
    say('lint failed (npm run lint): counted as one failure');
    failed += 1;
  } else {
    say('lint: passed');
  }
  say(`(ran in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  say(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

void main();
