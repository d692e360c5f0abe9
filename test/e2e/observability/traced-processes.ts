import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { LauncherMessage, SpanLine } from '@fidu/service-kit';
import { createTestDatabase } from '@fidu/service-kit/testing';

const root = resolve(__dirname, '..', '..', '..');
/** The gateway process's token secret: the tests mint their tokens with it. */
export const TEST_JWT_SECRET = `e2e-observability-${randomUUID()}`;
const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');

/** A process of the federation started from its built `main.js`, as `npm start` runs it. */
export interface TracedProcess {
  name: string;
  origin: string;
  child: ChildProcess;
  logFile: string;
  spanFile: string;
}

/** Tracing to a file per process (quick batches, so a test waits little for its spans). */
function tracingEnv(dir: string, name: string): Record<string, string> {
  return {
    OTEL_TRACES_EXPORTER: 'file',
    FIDU_TRACES_FILE: join(dir, `${name}.spans.jsonl`),
    OTEL_BSP_SCHEDULE_DELAY: '100',
    // Debug: the subgraph's request line and the consumer's "event handled" line.
    LOG_LEVEL: 'debug',
  };
}

/** Starts `node <script>` and resolves once it reports the port it listens on (runMain's IPC message). */
async function launch(
  dir: string,
  name: string,
  script: string,
  env: Record<string, string>,
): Promise<TracedProcess> {
  const logFile = join(dir, `${name}.log`);
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [join(root, script)], {
    cwd: root,
    env: { ...process.env, ...tracingEnv(dir, name), ...env, PORT: '0', FIDU_EXIT_WITH_PARENT: '1' },
    stdio: ['ignore', out, out, 'ipc'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not listen within 120 s; see ${logFile}`)),
      120_000,
    );
    child.on('message', (message: LauncherMessage) => {
      if (message.kind === 'listening') resolveUrl(message.url);
      if (message.kind === 'failed') reject(new Error(`${name} could not start: ${message.error}`));
      clearTimeout(timer);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}); see ${logFile}`)));
  });
  return {
    name,
    origin: new URL(url).origin,
    child,
    logFile,
    spanFile: tracingEnv(dir, name).FIDU_TRACES_FILE!,
  };
}

/**
 * The gateway, clients and mandates as separate processes with tracing to files: what a trace
 * crosses in production (HTTP between processes, the outbox, Kafka). The other subgraphs are not
 * needed by the operations the tests send.
 */
export async function startTracedFederation(dir: string): Promise<{
  gateway: TracedProcess;
  clients: TracedProcess;
  mandates: TracedProcess;
  stop(): Promise<void>;
}> {
  // Topics of their own on the run's broker: the processes handle this test's events only.
  const kafkaNamespace = `obs${randomUUID().slice(0, 8)}.`;
  const service = async (name: 'clients' | 'mandates') =>
    launch(dir, name, `services/${name}/dist/main.js`, {
      DATABASE_URL: await createTestDatabase(`obs_${name}`),
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_NAMESPACE: kafkaNamespace,
    });
  const [clients, mandates] = await Promise.all([service('clients'), service('mandates')]);
  const unused = 'http://127.0.0.1:9/graphql';
  const gateway = await launch(dir, 'gateway', 'gateway/dist/main.js', {
    CLIENTS_URL: `${clients.origin}/graphql`,
    MANDATES_URL: `${mandates.origin}/graphql`,
    CONNECTORS_URL: unused,
    TITRES_SERVICES_URL: unused,
    KAFKA_BROKERS: '',
    JWT_SECRET: TEST_JWT_SECRET,
  });
  const all = [gateway, clients, mandates];
  return {
    gateway,
    clients,
    mandates,
    async stop() {
      await Promise.all(
        all.map(
          ({ child }) =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
              child.once('exit', () => {
                clearTimeout(kill);
                done();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** The spans a process has exported so far. */
export function spansOf(process: TracedProcess): SpanLine[] {
  if (!existsSync(process.spanFile)) return [];
  return linesOf(process.spanFile) as unknown as SpanLine[];
}

/** The JSON lines a process has logged so far. */
export function logsOf(process: TracedProcess): Record<string, unknown>[] {
  return linesOf(process.logFile);
}

function linesOf(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
