#!/usr/bin/env node
/**
 * Entry point of `npm start`, `npm test`, `npm run bench` and `npm run token`. Plain Node with no dependencies,
 * because it runs on a fresh clone before anything is installed: it installs what is missing,
 * builds (turbo caches), then hands over to the compiled launcher.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [command, ...rest] = process.argv.slice(2);
const say = (line) => process.stderr.write(`[fidu] ${line}\n`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...options.env },
  });
  if (result.status !== 0) {
    say(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function installIfNeeded() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // `npm install` rather than `npm ci`: it honours the lock's versions too, and npm 11 can write
  // lockfiles without other platforms' optional packages, which `npm ci` then refuses.
  say('installing dependencies (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

function build() {
  say('building (turbo run build)…');
  run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
    env: { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  });
}

/**
 * Hands over to the launcher in its own process group, so a terminal Ctrl-C reaches only this
 * process, which forwards it: the launcher then stops the gateway, the services and only then
 * Kafka and Postgres, instead of everything at once.
 */
function handOver(script, args) {
  const child = spawn('node', [script, ...args], { cwd: root, stdio: 'inherit', detached: true });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}

/**
 * The console's browser tests drive Debian's Chromium (browsers cannot be downloaded by an install
 * script here). `npm test` installs it when it is missing and we may: as root (CI, containers) on a
 * Debian-like system. Otherwise it says how, and the browser tests report the missing binary.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
function chromiumIfNeeded() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    say(`${CHROMIUM} is missing: the console's browser tests need it (sudo apt-get install -y chromium)`);
    return;
  }
  say('installing chromium for the console browser tests (apt-get)…');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env });
}

const launchers = {
  start: join(root, 'infra', 'dist', 'cli', 'start-system.js'),
  test: join(root, 'infra', 'dist', 'cli', 'run-tests.js'),
  bench: join(root, 'infra', 'dist', 'cli', 'run-benchmarks.js'),
  token: join(root, 'gateway', 'dist', 'cli', 'mint-token.js'),
};
if (!launchers[command]) {
  say('usage: bootstrap.mjs start | test | bench | token [args]');
  process.exit(2);
}
installIfNeeded();
if (command === 'test') chromiumIfNeeded();
build();
handOver(launchers[command], rest);
