import { readFileSync } from 'node:fs';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { InfraEnvironment } from './infra-environment';
import { SHARED_SYSTEM, START_SYSTEM, startSystem, type TestSystem } from './system';

/** jest-worker's "end" message to a worker process, after its last test file. */
const CHILD_MESSAGE_END = 2;

// Loaded once per worker process (Jest resets test files' modules, not their environment's), so
// this outlives the test files: the federation it holds is started once and shared by them.
process.env.LOG_LEVEL ??= 'error'; // what jest.test-env.js sets inside test files
let shared: Promise<TestSystem> | undefined;

function workerSystem(): Promise<TestSystem> {
  if (!shared) {
    const starting = startSystem();
    shared = starting;
    // A failed start fails this file; the next file tries again.
    starting.catch(() => (shared = undefined));
    stopAtTheEnd(starting);
  }
  return shared;
}

/** Stops the shared federation before the run's Postgres and Kafka. */
function stopAtTheEnd(system: Promise<TestSystem>): void {
  const stop = () => system.then((s) => s.stop()).catch(() => undefined);
  // In band (one process, no workers) the global teardown runs here and calls this first.
  const holder = globalThis as { __FIDU_BEFORE_INFRA_STOP__?: (() => Promise<void>)[] };
  (holder.__FIDU_BEFORE_INFRA_STOP__ ??= []).push(stop);
  // A worker process is told to end, then must exit on its own within half a second (or Jest
  // reports a leak and kills it); stopping a federation takes longer on a loaded machine. Exit at
  // once: the servers' sockets close with the process, and their databases and consumer groups
  // belong to this run only.
  if (!process.send) return;
  const onMessage = (message: unknown) => {
    if (Array.isArray(message) && message[0] === CHILD_MESSAGE_END) process.exit(0);
  };
  process.on('message', onMessage);
}

/**
 * The environment of the end-to-end tests. Booting the federation (four services on fresh databases,
 * their Kafka consumers, the gateway) is most of an end-to-end file's set-up; files that can share
 * one call sharedSystem() and get the worker's, started here, before the file's hooks and outside
 * their timeouts. Files that change the system or read its global state call startSystem().
 */
export default class FederationEnvironment extends InfraEnvironment {
  private readonly sharesSystem: boolean;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.sharesSystem = readFileSync(context.testPath, 'utf8').includes('sharedSystem(');
  }

  override async setup(): Promise<void> {
    await super.setup();
    this.global[SHARED_SYSTEM] = workerSystem;
    // Federations of a file's own are started from here too: their modules load once per worker.
    this.global[START_SYSTEM] = startSystem;
    if (this.sharesSystem) await workerSystem();
  }

  /** Jest has installed its stack formatter for this file by the time its tests are set up. */
  async handleTestEvent(event: { name: string }): Promise<void> {
    const jest = Error.prepareStackTrace as StackFormatter | undefined;
    if (event.name === 'setup' && jest) Error.prepareStackTrace = mapOnlyTestFrames(jest);
  }
}

type StackFormatter = NonNullable<typeof Error.prepareStackTrace>;
const SELECTIVE = Symbol('maps test frames only');

/**
 * Jest maps every stack trace in the worker through source maps, the in-process services' too, and
 * they make many (each GraphQLError reads its cause's stack): that mapping was a sixth of the
 * hostile-request test's CPU. A stack that passes through a test's own TypeScript still goes
 * through Jest (its failures point at the right line); any other gets V8's plain format, with the
 * services' frames at their built dist/*.js positions.
 */
function mapOnlyTestFrames(jest: StackFormatter): StackFormatter {
  if (SELECTIVE in jest) return jest;
  const selective = (error: Error, frames: NodeJS.CallSite[]) => {
    const ours = frames.some((frame) => {
      const file = frame.getFileName() ?? '';
      return file.endsWith('.ts') && !file.includes('/node_modules/');
    });
    if (ours) return jest(error, frames);
    try {
      return `${Error.prototype.toString.call(error)}${frames.map((frame) => `\n    at ${frame}`).join('')}`;
    } catch {
      return jest(error, frames);
    }
  };
  return Object.assign(selective, { [SELECTIVE]: true });
}
