import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { run, tailOf } from './child-output';
import { exitWithThisProcess } from './exit-with-parent';
import { freePort } from './free-port';
import { ensureKafkaJars, KAFKA_DIR } from './kafka-jars';
import { stderrLog } from './log';
import { deadlineFromEnv, waitUntil } from './wait-until';

export interface KafkaHandle {
  brokers: string[];
  stop(): Promise<void>;
  /** Fault tests: freezes (SIGSTOP) or thaws (SIGCONT) the broker's JVM; it keeps its port and sockets. */
  freeze(): void;
  thaw(): void;
  /** Fault tests: kills the JVM at once (SIGKILL), as a crash would; resolves once it is gone. */
  crash(): Promise<void>;
}

/** A JVM start on a loaded two-core machine passed 60 s in 1 of 3 starts; KAFKA_START_TIMEOUT_S overrides. */
export const KAFKA_START_TIMEOUT_MS = 300_000;
const STOP_GRACE_MS = 15_000;

/** KRaft cluster id: 16 random bytes, base64url without padding; a leading '-' would read as a CLI flag. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(port: number, controllerPort: number, logDir: string): string {
  return `${[
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${logDir}`,
    'auto.create.topics.enable=true',
    'num.partitions=3',
    'default.replication.factor=1',
    'log.retention.hours=24',
    'offsets.topic.replication.factor=1',
    // The defaults (50 partitions) make the first group join / first transaction slow on one node.
    'offsets.topic.num.partitions=1',
    'transaction.state.log.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
  ].join('\n')}\n`;
}

/** True once a client can connect and list topics (the broker is registered and serving metadata). */
async function brokerAnswers(brokers: string[]): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'fidu-infra-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    // Creates __consumer_offsets now, so the first consumer group does not log "group coordinator
    // not available" while it waits for it.
    await admin.describeGroups(['fidu-infra-probe']);
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Starts a single-node KRaft broker on 127.0.0.1 (ports are picked fresh unless given).
 *
 * Re-using a data dir: server.properties is rewritten on every start (new ports) and the formatted
 * storage is kept. With static voters KRaft identifies the voter by node id, not address, so topics
 * and offsets survive an `npm start` restart on new ports. Tests wipe the dir first anyway.
 */
export async function startKafka(opts: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  /** Until a client can list topics; default KAFKA_START_TIMEOUT_S, else KAFKA_START_TIMEOUT_MS. */
  readyTimeoutMs?: number;
  /**
   * A broker for a test run, which lives minutes: the JVM compiles with its quick compiler only
   * (C1) and collects with the serial GC. Its optimising compiler spent most of such a broker's CPU
   * (half the broker's CPU over a run of e2e files, 30% less to start); `npm start` and the
   * benchmarks keep the full JIT for their peak throughput.
   */
  shortLived?: boolean;
}): Promise<KafkaHandle> {
  const log = opts.log ?? stderrLog;
  const readyTimeoutMs =
    opts.readyTimeoutMs ?? deadlineFromEnv('KAFKA_START_TIMEOUT_S', KAFKA_START_TIMEOUT_MS);
  const libDir = await ensureKafkaJars(log);
  const dataDir = path.resolve(opts.dataDir);
  const logDir = path.join(dataDir, 'log');
  const tmpDir = path.join(dataDir, 'tmp');
  await mkdir(logDir, { recursive: true });
  await mkdir(tmpDir, { recursive: true });

  const port = opts.port ?? (await freePort());
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const propsFile = path.join(dataDir, 'server.properties');
  await writeFile(propsFile, serverProperties(port, controllerPort, logDir));

  const log4j = `-Dlog4j.configuration=file:${path.join(KAFKA_DIR, 'log4j.properties')}`;
  const classpath = [log4j, '-cp', path.join(libDir, '*')];
  if (!existsSync(path.join(logDir, 'meta.properties'))) {
    const format = ['kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', propsFile, '-g'];
    await run('java', [...classpath, ...format], dataDir, log);
  }

  const jvm = [
    '-Xms256m',
    '-Xmx512m',
    ...(opts.shortLived ? ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] : []),
    '-Djava.awt.headless=true',
    // zstd/snappy unpack native libs into the temp dir; keep them in our data dir (and off a noexec /tmp).
    `-Djava.io.tmpdir=${tmpDir}`,
    `-Dorg.xerial.snappy.tempdir=${tmpDir}`,
  ];
  const child = spawn('java', [...jvm, ...classpath, 'kafka.Kafka', propsFile], {
    cwd: dataDir,
    detached: false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = tailOf([child.stdout, child.stderr], log, '[kafka] ');
  // 'close' (not 'exit'): the output tail is complete by then, for the error messages below.
  let closed = false;
  const exited = new Promise<void>((resolve) =>
    child.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  // A parent that exits without stop() (process.exit, uncaught error) must not leave a broker holding
  // the port and the data dir lock; nor must one that is SIGKILLed (the watchdog's job).
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const guard = child.pid ? exitWithThisProcess(child.pid, 'SIGTERM', STOP_GRACE_MS) : undefined;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      process.off('exit', killOnExit);
      if (!closed) {
        const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(force);
      }
      guard?.release();
    })());

  const brokers = [`127.0.0.1:${port}`];
  try {
    await waitUntil(
      'Kafka to answer (KAFKA_START_TIMEOUT_S)',
      async () => {
        if (spawnError) throw new Error(`cannot run java: ${spawnError.message}`);
        if (closed)
          throw new Error(
            `Kafka exited during startup (${child.exitCode ?? child.signalCode}); last output:\n${tail().join('\n')}`,
          );
        return brokerAnswers(brokers);
      },
      { deadlineMs: readyTimeoutMs, describe: () => `last output:\n${tail().join('\n')}` },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const crash = async (): Promise<void> => {
    if (!closed) child.kill('SIGKILL');
    await stop();
  };
  return {
    brokers,
    stop,
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    crash,
  };
}
