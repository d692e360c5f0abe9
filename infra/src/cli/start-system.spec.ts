import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Client } from 'pg';
import { mintToken } from '@fidu/service-kit/bearer-token';
import { eventually } from '@fidu/service-kit/testing';

// The real `npm start` launcher as a child process, pointed at the test run's Postgres and Kafka
// (DATABASE_URL / KAFKA_BROKERS from the global setup), with databases of its own (FIDU_NAMESPACE).
const root = path.resolve(__dirname, '..', '..', '..');
const launcherScript = path.join(root, 'infra', 'dist', 'cli', 'start-system.js');
const namespace = `t${process.pid}`;
const SERVICES = ['clients', 'mandates', 'connectors', 'titres-services'];
const START_DEADLINE_MS = 240_000;

/** Running (not zombie) processes whose parent is `ppid`, with their command lines. */
function childrenOf(ppid: number): { pid: number; cmdline: string }[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(parent) !== ppid || state === 'Z') return [];
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
        return [{ pid: Number(entry), cmdline }];
      } catch {
        return []; // exited while we looked
      }
    });
}

/** Alive and not a zombie (an orphan's zombie may linger when pid 1 does not reap). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

function envOf(pid: number): Record<string, string> {
  return Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

/** Another process answering 200 on every /health/* path, as a same-named service elsewhere would. */
function listenAsIntruder(port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: req.url?.endsWith('ready') ? 'ready' : 'ok', service: 'clients' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const portTaken = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EADDRINUSE';

/**
 * When another process already holds the intruder's port (a test run beside this one, whose clients
 * service prefers the same port), that process is the intruder for as long as it holds it: take the
 * port the moment it lets go, until `giveUp()` (the launcher reported where clients is).
 */
async function intrudeWhenFree(port: number, giveUp: () => boolean): Promise<http.Server | undefined> {
  while (!giveUp()) {
    await new Promise((r) => setTimeout(r, 25));
    try {
      return await listenAsIntruder(port);
    } catch (error) {
      if (!portTaken(error)) throw error;
    }
  }
  return undefined;
}

describe('npm start launcher (real processes)', () => {
  let launcher: ChildProcess;
  let output = '';
  let intruder: http.Server | undefined;
  let intruding: Promise<unknown> = Promise.resolve();
  let intruderPort = 0;
  let clientsPid = 0;
  /** Every child seen, to end those that outlive the launcher when the test fails. */
  const seen = new Set<number>();
  const children = () => {
    const found = childrenOf(launcher.pid as number);
    for (const { pid } of found) seen.add(pid);
    return found;
  };

  interface Answer {
    status: number;
    body: {
      data?: { clients?: { totalCount: number } | null; banks?: unknown[] | null } | null;
      errors?: { extensions?: { code?: string } }[];
    };
  }
  /** Asks the launcher's gateway (once it reported ready) as an office of this spec's own. */
  const ask = async (query: string): Promise<Answer> => {
    const gatewayPort = await eventually(
      'the launcher reported the gateway ready',
      async () => /gateway ready on port (\d+)/.exec(output)?.[1],
      START_DEADLINE_MS,
    );
    // The secret the launcher's gateway uses (start-system.ts: JWT_SECRET or the dev value).
    const token = await mintToken(
      { kind: 'office', officeId: `office-${namespace}`, userId: 'spec', roles: ['admin'] },
      process.env.JWT_SECRET ?? 'dev-only-jwt-secret-change-me',
    );
    const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };

  beforeAll(async () => {
    launcher = spawn(process.execPath, [launcherScript], {
      cwd: root,
      env: { ...process.env, PORT: '0', FIDU_NAMESPACE: namespace, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The clients service is spawned after the launcher chose its port, and boots for seconds
    // (migrations, Kafka) before it binds: take that port now, as another process could.
    const clients = await eventually(
      'the launcher spawned the clients service',
      async () => children().find((c) => c.cmdline.includes('clients/dist/main.js')),
      START_DEADLINE_MS,
    );
    clientsPid = clients.pid;
    intruderPort = Number(envOf(clients.pid).PORT);
    intruder = await listenAsIntruder(intruderPort).catch((error: unknown) => {
      if (portTaken(error)) return undefined;
      throw error;
    });
    const clientsReported = () => /clients ready on port/.test(output) || launcher.exitCode !== null;
    if (!intruder)
      intruding = intrudeWhenFree(intruderPort, clientsReported).then((server) => (intruder = server));
  }, START_DEADLINE_MS + 10_000);

  afterAll(async () => {
    if (launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
    children();
    for (const pid of seen) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    await intruding;
    await new Promise<void>((r) => (intruder ? intruder.close(() => r()) : r()));
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    for (const name of SERVICES)
      await admin.query(`drop database if exists fidu_${namespace}_${name.replace('-', '_')} with (force)`);
    await admin.end();
  }, 60_000);

  it(
    'reports the port the clients service bound itself, never the intruder that took its port',
    async () => {
      const reported = await eventually(
        'the launcher reported the clients service ready (or failed)',
        async () => /clients ready on port (\d+)/.exec(output)?.[1] ?? (launcher.exitCode !== null && 'exit'),
        START_DEADLINE_MS,
      );
      expect(reported).not.toBe('exit');
      expect(Number(reported)).not.toBe(intruderPort);
      const live = (await (await fetch(`http://127.0.0.1:${reported}/health/live`)).json()) as {
        service: string;
        pid: number;
      };
      expect(live).toMatchObject({ service: 'clients', pid: clientsPid });
    },
    START_DEADLINE_MS + 10_000,
  );

  it(
    'starts the gateway with the subgraph URLs actually bound: a query reaches the real clients service',
    async () => {
      const { body } = await ask('{ clients(first: 1) { totalCount } }');
      expect(body.errors).toBeUndefined();
      expect(body.data?.clients?.totalCount).toBe(0);
    },
    START_DEADLINE_MS + 10_000,
  );

  it(
    'a service that dies is restarted on its port, says so, and the gateway answers partial data meanwhile',
    async () => {
      // After the demo seed: a service lost while the launcher seeds fails the start, by design.
      await eventually(
        'the launcher finished starting',
        async () => /The federation is up/.test(output),
        START_DEADLINE_MS,
      );
      const mandates = children().find((c) => c.cmdline.includes('mandates/dist/main.js'));
      expect(mandates).toBeDefined();
      const port = /mandates ready on port (\d+)/.exec(output)?.[1];
      process.kill(mandates!.pid, 'SIGKILL');
      await eventually(
        'the launcher said mandates exited and restarts it',
        async () => /mandates exited \(SIGKILL\); restarting in/.test(output),
        30_000,
      );
      // While mandates is away the system keeps answering: the clients subgraph as usual, and a
      // field of mandates with a coded error, never a 5xx or a hang. (banks is non-null at the
      // root, so its failure nulls the whole answer: that is why it is asked alone.)
      const clients = await ask('{ clients(first: 1) { totalCount } }');
      expect(clients.status).toBe(200);
      expect(clients.body.data?.clients?.totalCount).toBe(0);
      const banks = await ask('{ banks { id } }');
      expect(banks.status).toBeLessThan(500);
      if (!banks.body.data?.banks) {
        expect(banks.body.errors?.length).toBeGreaterThan(0);
        for (const error of banks.body.errors ?? [])
          expect(error.extensions?.code).toEqual(expect.any(String));
      }
      await eventually(
        'the launcher said mandates is back',
        async () => /mandates is back/.test(output),
        120_000,
      );
      const restarted = children().find((c) => c.cmdline.includes('mandates/dist/main.js'));
      expect(restarted?.pid).not.toBe(mandates!.pid);
      expect(envOf(restarted!.pid).PORT).toBe(port);
      const full = await ask('{ banks { id } }');
      expect(full.body.errors).toBeUndefined();
      expect(full.body.data?.banks?.length).toBeGreaterThan(0);
    },
    START_DEADLINE_MS + 60_000,
  );

  it(
    'SIGKILL of the launcher: every service and the gateway exit',
    async () => {
      await eventually(
        'the launcher spawned the gateway',
        async () => children().some((c) => c.cmdline.includes('gateway/dist/main.js')),
        START_DEADLINE_MS,
      );
      const services = children().filter((c) => c.cmdline.includes('dist/main.js'));
      expect(services.length).toBeGreaterThanOrEqual(4);
      launcher.kill('SIGKILL');
      await eventually(
        `the launcher's children (${services.map((c) => c.pid).join(', ')}) exited`,
        async () => services.every((c) => !isRunning(c.pid)),
        45_000,
        250,
      );
    },
    START_DEADLINE_MS + 60_000,
  );
});
