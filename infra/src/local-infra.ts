import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { startKafka, KafkaHandle } from './kafka';
import { Log, stderrLog } from './log';
import { createDatabaseOn, startPostgres, PostgresHandle } from './postgres';

export interface LocalInfra {
  databaseAdminUrl: string;
  kafkaBrokers: string[];
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Whether a process with this pid is still running (signal 0 only checks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Test data lives in one empty folder per run, `.data/test/run-<pid>`: Jest runs in several workspaces
 * at once (turbo, or each engineer's `npx jest`) each start their own servers and must not wipe each
 * other's. Folders of runs that are gone are removed here; a run removes its own on stop().
 */
async function freshTestDir(baseDir: string): Promise<string> {
  await mkdir(baseDir, { recursive: true });
  for (const entry of await readdir(baseDir)) {
    const pid = /^run-(\d+)$/.exec(entry)?.[1];
    if (pid && !isAlive(Number(pid))) await rm(path.join(baseDir, entry), { recursive: true, force: true });
  }
  const dir = path.join(baseDir, `run-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  return dir;
}

/**
 * Postgres and Kafka for `npm start` / `npm test`. DATABASE_URL (an admin URL) and KAFKA_BROKERS
 * (comma-separated) point at servers the user runs; otherwise local ones are started with data in
 * `<rootDir>/.data/start/{postgres,kafka}` (kept) or `<rootDir>/.data/test/run-<pid>/...` (fresh).
 */
export async function startLocalInfra(opts: {
  rootDir: string;
  purpose: 'start' | 'test';
  log?: (line: string) => void;
  /** Where DATABASE_URL / KAFKA_BROKERS are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Ports for the servers started here (default: free ones), for callers that announce the addresses early. */
  ports?: { postgres?: number; kafka?: number };
  /** The broker serves one test run only (see startKafka's `shortLived`). */
  shortLivedKafka?: boolean;
}): Promise<LocalInfra> {
  const log: Log = opts.log ?? stderrLog;
  const env = opts.env ?? process.env;
  const purposeDir = path.join(path.resolve(opts.rootDir), '.data', opts.purpose);
  const externalDb = env.DATABASE_URL?.trim() || undefined;
  const externalBrokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);

  const baseDir = opts.purpose === 'test' ? await freshTestDir(purposeDir) : purposeDir;
  const pgDir = path.join(baseDir, 'postgres');
  const kafkaDir = path.join(baseDir, 'kafka');
  await mkdir(baseDir, { recursive: true });

  const started = Date.now();
  const [pg, kafka] = await Promise.allSettled([
    externalDb ? undefined : startPostgres({ dataDir: pgDir, port: opts.ports?.postgres, log }),
    externalBrokers.length
      ? undefined
      : startKafka({ dataDir: kafkaDir, port: opts.ports?.kafka, log, shortLived: opts.shortLivedKafka }),
  ]);
  const ours = [pg, kafka].flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  const failure = [pg, kafka].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    // Don't leave the half that did start running.
    await Promise.allSettled(ours.map((h) => h.stop()));
    throw failure.reason;
  }
  const postgres = (pg as PromiseFulfilledResult<PostgresHandle | undefined>).value;
  const broker = (kafka as PromiseFulfilledResult<KafkaHandle | undefined>).value;
  const databaseAdminUrl = postgres?.adminUrl ?? (externalDb as string);
  const kafkaBrokers = broker?.brokers ?? externalBrokers;
  log(
    `[infra] ready in ${((Date.now() - started) / 1000).toFixed(1)}s: Postgres ${postgres ? 'local' : 'external'}, ` +
      `Kafka ${broker ? 'local' : 'external'} ${kafkaBrokers.join(',')}`,
  );

  let stopping: Promise<void> | undefined;
  return {
    databaseAdminUrl,
    kafkaBrokers,
    createDatabase: (name) => createDatabaseOn(databaseAdminUrl, name),
    // Only what we started; external servers belong to the user.
    stop: () =>
      (stopping ??= (async () => {
        await Promise.all(ours.map((h) => h.stop()));
        if (opts.purpose === 'test') await rm(baseDir, { recursive: true, force: true });
      })()),
  };
}
