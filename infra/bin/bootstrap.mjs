#!/usr/bin/env node
/**
 * Entry point of `npm start`, `npm test`, `npm run bench` and `npm run token`. Plain Node with no dependencies,
 * because it runs on a fresh clone before anything is installed: it installs what is missing,
 * builds when a build input changed (turbo caches per package), then hands over to the compiled launcher.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

/** What a build reads: the workspaces that have a build step, and the root files they share. */
const BUILT_DIRS = ['proto-events', 'services', 'gateway', 'infra'];
const ROOT_INPUTS = ['package.json', 'package-lock.json', 'turbo.json', 'tsconfig.base.json'];
/** What a build writes, or nothing builds from: not inputs. */
const NOT_INPUTS =
  /(^|\/)(node_modules|dist|\.turbo|test-output|\.schema)$|^proto-events\/src\/gen$|^gateway\/console\/src\/gql$|^services\/[^/]+\/src\/graphql\/generated$|^infra\/kafka\/lib$/;
const STAMP = join(root, 'node_modules', '.cache', 'fidu', 'build-stamp');
/** Every workspace with a build step has its output: a deleted dist/ is rebuilt even if nothing changed. */
function outputsPresent() {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return workspaces.every((ws) => {
    const { scripts = {} } = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8'));
    return !scripts.build || existsSync(join(root, ws, 'dist'));
  });
}

/**
 * A fingerprint of every build input (path, size, modification time): stat calls only, so it takes
 * milliseconds where asking turbo whether anything changed takes 15-30 s on a loaded machine.
 */
function sourceFingerprint() {
  const hash = createHash('sha256');
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = join(dir, entry.name);
      const rel = relative(root, full);
      if (NOT_INPUTS.test(rel)) continue;
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        const { size, mtimeMs } = statSync(full);
        hash.update(`${rel}\0${size}\0${mtimeMs}\n`);
      }
    }
  };
  for (const file of ROOT_INPUTS) {
    const full = join(root, file);
    if (existsSync(full)) hash.update(`${file}\0${statSync(full).size}\0${statSync(full).mtimeMs}\n`);
  }
  for (const dir of BUILT_DIRS) visit(join(root, dir));
  return hash.digest('hex');
}

/** Builds (turbo caches per package) unless nothing changed since the last successful build. */
function buildIfNeeded() {
  const before = sourceFingerprint();
  if (existsSync(STAMP) && outputsPresent() && readFileSync(STAMP, 'utf8') === before) return;
  say('building (turbo run build)…');
  // One task per core (turbo's default is 10): the type checks side by side on a 2-core machine
  // took 50-51 s and 83 CPU-s; two at a time, 48-49 s and 80 CPU-s.
  run('npx', ['turbo', 'run', 'build', '--concurrency=100%', '--output-logs=errors-only'], {
    env: { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  });
  // A file edited while the build ran leaves the stamp stale, so the next command builds again.
  if (sourceFingerprint() !== before) return;
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, before);
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
  // Another apt-get (a second run on this machine installing the same) may hold apt's locks: the
  // install waits for dpkg's lock, and a failed step is tried again a while later. Once the other
  // run has unpacked chromium, only the install is repeated (it waits for that run to finish).
  const apt = (args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  for (let attempt = 1; ; attempt++) {
    if (
      (existsSync(CHROMIUM) || apt(['update'])) &&
      apt(['install', '-y', '--no-install-recommends', 'chromium'])
    )
      return;
    if (attempt === 10) {
      say('apt-get could not install chromium (see above)');
      process.exit(1);
    }
    say('apt-get failed (apt busy with another install?): trying again in 30 s…');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
  }
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
buildIfNeeded();
handOver(launchers[command], rest);
