import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { mintToken } from '@fidu/service-kit/bearer-token';
import { createTestDatabase } from '@fidu/service-kit/testing';
import { freePort } from '../free-port';
import { waitUntil } from '../wait-until';
import { assembleRuntimeStage, type RuntimeStage } from './runtime-stage';

// The production image's runtime stage, assembled without Docker (see runtime-stage.ts), with the
// five processes started from it as docker-compose.yml runs them: its command and environment per
// service, NODE_ENV=production and secrets of our own, against this run's Postgres and Kafka.
const root = resolve(__dirname, '..', '..', '..');
const START_MS = 240_000;

interface ComposeService {
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
}
interface Running {
  name: string;
  port: number;
  env: Record<string, string>;
  child: ChildProcess;
  tail: string[];
}

/** Relative paths of the files under `dir` (node_modules left out), with a size+mtime fingerprint. */
function filesUnder(dir: string, skipNodeModules: boolean, rel = '', out = new Map<string, string>()) {
  for (const name of readdirSync(join(dir, rel))) {
    const path = rel ? `${rel}/${name}` : name;
    const stat = lstatSync(join(dir, path));
    if (stat.isDirectory()) {
      if (!(skipNodeModules && name === 'node_modules')) filesUnder(dir, skipNodeModules, path, out);
    } else out.set(path, `${stat.size}@${stat.mtimeMs}`);
  }
  return out;
}

describe('the production image, runtime stage (infra/docker/Dockerfile), assembled without Docker', () => {
  let stage: RuntimeStage;
  const running: Running[] = [];
  const databases: string[] = [];
  let before: Map<string, string>;
  // Secrets of our own: production refuses the development ones and placeholders.
  const secrets: Record<string, string> = Object.fromEntries(
    ['JWT_SECRET', 'GATEWAY_SIGNING_SECRET', 'ESIGNATURE_SECRET', 'POSTGRES_PASSWORD'].map((name) => [
      name,
      randomBytes(24).toString('hex'),
    ]),
  );
  const output = (p: Running) => `${p.name} said:\n${p.tail.join('\n')}`;
  const gateway = () => running.find((p) => p.name === 'gateway') as Running;

  beforeAll(async () => {
    stage = assembleRuntimeStage({ root });
    before = filesUnder(stage.workdir, false);
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, ComposeService>;
    };
    const fromImage = Object.entries(compose.services).filter(([, service]) => service.build);
    const ports = new Map<string, number>();
    for (const [name] of fromImage) ports.set(name, await freePort());
    // ${VAR:?…} and ${VAR:-default} as compose reads them; a URL naming another container (http://clients:4000)
    // names that process here.
    const interpolate = (value: string) =>
      value
        .replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
          const found = secrets[name] ?? (op === '-' ? arg : undefined);
          if (found === undefined)
            throw new Error(`docker-compose.yml needs ${name}, which this spec does not set`);
          return found;
        })
        .replace(/\/\/([\w-]+):\d+/g, (all, host: string) =>
          ports.has(host) ? `//127.0.0.1:${ports.get(host)}` : all,
        );
    const home = join(stage.rootfs, '..', 'home');
    mkdirSync(home);
    for (const [name, service] of fromImage) {
      const composeEnv = Object.entries(service.environment ?? {}).map(([k, v]) => [
        k,
        interpolate(String(v)),
      ]);
      const env: Record<string, string> = {
        // A clean environment, as in the container: nothing of this machine's NODE_* or npm settings.
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        ...stage.env,
        ...Object.fromEntries(composeEnv),
        HOST: '127.0.0.1',
        PORT: String(ports.get(name)),
        KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
        // One consumer group per process of this spec: others may share the run's broker.
        KAFKA_GROUP_ID: `runtime-stage-${randomUUID().slice(0, 8)}-${name}`,
        // The processes stop if this Jest worker dies.
        FIDU_EXIT_WITH_PARENT: '1',
      };
      if ('DATABASE_URL' in env) {
        env.DATABASE_URL = await createTestDatabase(`runtime_stage_${name}`);
        databases.push(new URL(env.DATABASE_URL).pathname.slice(1));
      }
      const [command, ...args] = service.command ?? stage.cmd;
      const child = spawn(command === 'node' ? process.execPath : (command as string), args, {
        cwd: stage.workdir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const started: Running = { name, port: ports.get(name) as number, env, child, tail: [] };
      const keep = (chunk: Buffer) => {
        started.tail.push(...chunk.toString().split('\n').filter(Boolean));
        started.tail.splice(0, Math.max(0, started.tail.length - 30));
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      running.push(started);
    }
    await Promise.all(
      running.map((p) =>
        waitUntil(
          `${p.name} /health/live`,
          async () => {
            if (p.child.exitCode !== null || p.child.signalCode !== null)
              throw new Error(`${p.name} exited (${p.child.exitCode}). ${output(p)}`);
            const res = await fetch(`http://127.0.0.1:${p.port}/health/live`).catch(() => undefined);
            // From this process, not another one that took the port meanwhile.
            const body = (await res?.json().catch(() => undefined)) as { pid?: number } | undefined;
            return res?.status === 200 && body?.pid === p.child.pid;
          },
          { deadlineMs: START_MS, intervalMs: 500, describe: () => output(p) },
        ),
      ),
    );
  }, START_MS + 60_000);

  afterAll(async () => {
    for (const p of running)
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    stage?.remove({ background: true });
    if (databases.length === 0) return;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    for (const name of databases) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }, 60_000);

  it('holds no TypeScript source outside node_modules, no dev dependency, and nothing to resolve outside it', () => {
    const sources = [...filesUnder(stage.workdir, true).keys()].filter(
      (f) => /\.[mc]?tsx?$/.test(f) && !/\.d\.[mc]?ts$/.test(f),
    );
    expect(sources).toEqual([]);
    // Every package declared only as a devDependency (the lock marks it dev): none may be in the image.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devDependencies?: Record<string, string> }>;
    };
    const devOnly = Object.values(lock.packages)
      .flatMap((entry) => Object.keys(entry.devDependencies ?? {}))
      .filter((name) => lock.packages[`node_modules/${name}`]?.dev);
    expect(devOnly).toEqual(expect.arrayContaining(['jest', 'typescript', '@swc/jest', 'turbo']));
    expect(devOnly.filter((name) => existsSync(join(stage.workdir, 'node_modules', name)))).toEqual([]);
    // Node would look in these too: the check must not pass thanks to something outside the tree.
    const outside: string[] = [];
    for (let dir = dirname(stage.workdir); dir !== dirname(dir); dir = dirname(dir))
      outside.push(join(dir, 'node_modules'));
    expect(outside.filter((dir) => existsSync(dir))).toEqual([]);
  });

  it("each process is live per the image's HEALTHCHECK, run in the image's directory", () => {
    expect(stage.healthcheck).toBeDefined();
    const [command, ...args] = stage.healthcheck as string[];
    for (const p of running) {
      const check = spawnSync(command === 'node' ? process.execPath : (command as string), args, {
        cwd: stage.workdir,
        env: p.env,
        timeout: 30_000,
      });
      expect({ name: p.name, status: check.status }).toEqual({ name: p.name, status: 0 });
    }
  });

  it(
    'the gateway serves the console and answers one query with data from all four subgraphs',
    async () => {
      const origin = `http://127.0.0.1:${gateway().port}`;
      await waitUntil(
        'the gateway ready (every subgraph answering)',
        async () => (await fetch(`${origin}/health/ready`).catch(() => undefined))?.status === 200,
        { deadlineMs: START_MS, intervalMs: 500, describe: () => running.map(output).join('\n') },
      );
      const page = await fetch(`${origin}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script[^>]+src="\/assets\//);
      const token = await mintToken(
        { kind: 'office', officeId: randomUUID(), userId: 'runtime-stage-spec', roles: ['admin'] },
        secrets.JWT_SECRET as string,
      );
      const res = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `{ clients(first: 1) { totalCount } banks { id } connectorSoftwares { id }
                    officeInvoices(first: 1) { edges { cursor } } }`,
        }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        clients: { totalCount: 0 },
        banks: expect.arrayContaining([{ id: expect.any(String) }]),
        connectorSoftwares: expect.arrayContaining([{ id: expect.any(String) }]),
        officeInvoices: { edges: [] },
      });
    },
    START_MS + 10_000,
  );

  it('every process stops cleanly on SIGTERM, having written nothing into the image (its USER may not)', async () => {
    const exits = running.map(
      (p) =>
        new Promise<[string, number | null]>((done) =>
          p.child.exitCode !== null
            ? done([p.name, p.child.exitCode])
            : p.child.once('exit', (code) => done([p.name, code])),
        ),
    );
    for (const p of running) p.child.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual(running.map((p) => [p.name, 0]));
    const after = filesUnder(stage.workdir, false);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (f) => before.get(f) !== after.get(f),
    );
    expect(changed).toEqual([]);
  }, 60_000);
});
