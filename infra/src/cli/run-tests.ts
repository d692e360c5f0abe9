/**
 * `npm test`: lint, then every Jest project (unit, integration, end-to-end) in one run against one
 * real Postgres and one real Kafka (started by the Jest global setup), then one summary line:
 * `tests: N passed, M failed[, K skipped]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const results = join(root, 'test-results.json');
const say = (line: string) => process.stdout.write(`${line}\n`);

// The README's lint command: ESLint in every workspace (turbo, cached) and the Prettier check.
const lint = spawnSync('npm', ['run', 'lint', '--silent'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
});
if (lint.status !== 0) {
  say('lint failed: fix it first (npm run lint)');
  say('tests: 0 passed, 1 failed');
  process.exit(1);
}

rmSync(results, { force: true });
const started = Date.now();
const jest = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--ci',
    '--json',
    `--outputFile=${results}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

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
say(`(ran in ${((Date.now() - started) / 1000).toFixed(0)} s)`);
say(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
