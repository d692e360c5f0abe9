/**
 * Benchmark: the office-dashboard query (a page of 20 clients with fields from all four subgraphs;
 * plan: clients, then three entity fetches in parallel) through our Apollo gateway and through Hive
 * Gateway with its JavaScript planner and with its Rust planner, each in its own process, against
 * the same four subgraphs (a process each) on the run's Postgres and Kafka.
 *
 * Before timing: every gateway answers each of two offices with exactly its own data, under
 * concurrency too, and all three answers are equal. Then interleaved rounds (a, b, c, b, c, a…) at
 * 20 and 50 connections: RPS, p50/p99, failed answers; serial p50 against the critical path of
 * direct subgraph calls (the clients page, then the slowest entity fetch alone; and again with the
 * three entity fetches sent together, as the plan sends them); each subgraph's `_entities` for 20
 * representations against its cheapest list query; SQL statements per request for 10 and 100 clients.
 * Figures go out as `BENCH_FIGURE {json}` lines for the suite's table. Loopback only; bounded
 * (aborts after 600 s). Run: DATABASE_URL=… KAFKA_BROKERS=… npx tsx test/bench/gateway-peers.bench.ts
 * (build the packages first). GATEWAY_CPU_PROFILE=<dir> profiles our gateway (node --cpu-prof).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { readConfig } from '@fidu/gateway';
import { mintToken } from '@fidu/service-kit/bearer-token';
import { benchFigure as figure } from '@fidu/service-kit/testing';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER, signPrincipal, type Principal } from '@fidu/service-kit';

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SERIAL = 60;
const DEADLINE = setTimeout(() => {
  process.stderr.write('benchmark: aborted after 600 s\n');
  process.exit(1);
}, 600_000);
DEADLINE.unref();
const say = (line: string) => process.stderr.write(`${line}\n`);

const DASHBOARD = `query OfficeDashboard($first: Int) { clients(first: $first) { totalCount edges { node {
  id clientCode companyName email language address { city }
  mandateProfile { companyName version }
  connectorAssociation { associatedAt connector { id } }
  approvedCompany { approvalNumber }
} } } }`;

type Json = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
const GATEWAYS = ['apollo', 'hive-js', 'hive-rust'] as const;
type GatewayName = (typeof GATEWAYS)[number];
const LABEL: Record<GatewayName, string> = {
  apollo: 'our gateway',
  'hive-js': 'Hive (JS planner)',
  'hive-rust': 'Hive (Rust planner)',
};

function start(script: string, args: string[], env: Record<string, string>, execArgv: string[] = []) {
  const child = fork(join(__dirname, script), args, {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = new Promise<any>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited (${code})`)));
    child.on('message', (m: any) => m.type === 'ready' && resolve(m));
  });
  return { child, ready };
}

function stop(child: ChildProcess, message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.send(message as string);
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

function post(pool: Pool, path: string, headers: Record<string, string>, body: unknown) {
  return pool
    .request({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    .then(async (res) => ({ status: res.statusCode, json: (await res.body.json()) as Json }));
}

/**
 * CPU time a process has used (user + system, ms; Linux /proc, NaN elsewhere). On a shared machine
 * a gateway's latency mostly waits for a core; its CPU per request is what it costs.
 */
function cpuMs(pid: number | undefined): number {
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks of 10 ms, counted after the command's ")".
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const fixed = (n: number, digits = 2) => Number(n.toFixed(digits));
/** The gateways in turn, starting with the `n`th: no gateway always runs first (or right after the direct calls). */
const inTurn = (n: number) => GATEWAYS.map((_, i) => GATEWAYS[(n + i) % GATEWAYS.length]!);

interface Office {
  principal: Extract<Principal, { kind: 'office' }>;
  token: string;
  clientIds: string[];
}

/** A valid Belgian enterprise number (mod 97) per seed. */
function enterpriseNumber(seed: number): string {
  const base = 4_000_000 + seed;
  return `${String(base).padStart(8, '0')}${String(97 - (base % 97)).padStart(2, '0')}`;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** An office with `count` clients, each with data in all four subgraphs. */
async function seedOffice(
  gql: (t: string, q: string, v: unknown) => Promise<Json>,
  jwtSecret: string,
  tag: number,
  count: number,
): Promise<Office> {
  const principal = {
    kind: 'office' as const,
    officeId: randomUUID(),
    userId: `bench-${tag}`,
    roles: ['admin'],
  };
  const token = await mintToken(principal, jwtSecret);
  const clients = Array.from({ length: count }, (_, i) => ({
    clientCode: `O${tag}C${String(i).padStart(3, '0')}`,
    companyName: `Office ${tag} client ${i} SRL`,
    language: 'FR',
    enterpriseNumber: enterpriseNumber(tag * 1000 + i),
    email: `c${i}@office${tag}.be`,
    address: { street: `Rue ${i}`, postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  }));
  const imported = await gql(
    token,
    `mutation($input: ImportClientsInput!) { importClients(input: $input) { clientImport { created } } }`,
    { input: { clients } },
  );
  if (imported.errors) throw new Error(`import: ${JSON.stringify(imported.errors)}`);
  const page = await gql(token, `query($first: Int) { clients(first: $first) { edges { node { id } } } }`, {
    first: count,
  });
  const clientIds = (page.data.clients.edges as { node: { id: string } }[]).map((e) => e.node.id);
  const added = await gql(
    token,
    `mutation { addConnector(input: { softwareId: "clearfacts" }) { connector { id } } }`,
    {},
  );
  if (added.errors) throw new Error(`connector: ${JSON.stringify(added.errors)}`);
  const connectorId = added.data.addConnector.connector.id as string;
  await gql(
    token,
    `mutation($id: ID!) { validateConnector(input: { connectorId: $id }) { connector { state } } }`,
    { id: connectorId },
  );
  await eventually('connectors has heard of every client', async () => {
    const all = await gql(
      token,
      `mutation($id: ID!) { associateAllClients(input: { connectorId: $id }) { associatedCount alreadyAssociatedCount } }`,
      { id: connectorId },
    );
    const r = all.data?.associateAllClients;
    return r && r.associatedCount + r.alreadyAssociatedCount === count ? true : undefined;
  });
  for (let i = 0; i < clientIds.length; i += 8) {
    await Promise.all(
      clientIds.slice(i, i + 8).map((clientId, j) =>
        eventually('titres-services has heard of the client', async () => {
          const res = await gql(
            token,
            `mutation($input: RegisterApprovedCompanyInput!) { registerApprovedCompany(input: $input) { approvedCompany { id } } }`,
            {
              input: {
                clientId,
                approvalNumber: String(100000 + tag * 1000 + i + j),
                financialContact: { name: 'Marie Dubois', email: 'compta@example.be' },
              },
            },
          );
          if (res.errors?.[0]?.extensions?.code === 'CLIENT_NOT_FOUND') return undefined;
          if (res.errors) throw new Error(`approved company: ${JSON.stringify(res.errors)}`);
          return true;
        }),
      ),
    );
  }
  await eventually('mandates has every client profile', async () => {
    const res = await gql(token, DASHBOARD, { first: count });
    const nodes = (res.data?.clients.edges ?? []).map((e: any) => e.node);
    return nodes.length === count &&
      nodes.every((n: any) => n.mandateProfile && n.connectorAssociation && n.approvedCompany)
      ? true
      : undefined;
  });
  return { principal, token, clientIds };
}

interface LoadResult {
  requests: number;
  failed: number;
  latencies: number[];
  ms: number;
}

/** `connections` callers, each sending the dashboard query back to back for `ms`, offices alternating. */
async function load(
  pool: Pool,
  path: string,
  offices: Office[],
  expected: Json[],
  connections: number,
  ms: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  const t0 = performance.now();
  const until = t0 + ms;
  let n = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const o = n++ % offices.length;
        const t = performance.now();
        try {
          const res = await post(
            pool,
            path,
            { authorization: `Bearer ${offices[o]!.token}` },
            { query: DASHBOARD, variables: { first: 20 } },
          );
          if (res.status !== 200 || !isDeepStrictEqual(res.json, expected[o])) failed++;
        } catch {
          failed++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  return {
    requests: latencies.length,
    failed,
    latencies: latencies.sort((a, b) => a - b),
    ms: performance.now() - t0,
  };
}

async function main(): Promise<void> {
  const config = readConfig({ NODE_ENV: 'test' });
  const subgraphs = ['clients', 'mandates', 'connectors', 'titres-services'].map((name) =>
    start('subgraphs-process.ts', [name], {}),
  );
  const urls: Record<string, string> = {};
  for (const s of subgraphs) Object.assign(urls, ((await s.ready) as { urls: Record<string, string> }).urls);
  const urlEnv = Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [`${name.replace(/-/g, '_').toUpperCase()}_URL`, url]),
  );
  const profile = process.env.GATEWAY_CPU_PROFILE;
  const procs: Record<GatewayName, ReturnType<typeof start>> = {
    apollo: start(
      'gateway-process.ts',
      [],
      {
        ...urlEnv,
        PORT: '0',
        NODE_ENV: 'test',
        KAFKA_BROKERS: '',
        // The load is one client IP and two principals: far above the default limits.
        RATE_LIMIT_PER_IP: '100000000',
        RATE_LIMIT_PER_PRINCIPAL: '100000000',
      },
      profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
    ),
    'hive-js': start('hive-gateway-process.ts', ['hive-js'], {
      SUBGRAPH_URLS: JSON.stringify(urls),
      NODE_NO_WARNINGS: '1',
    }),
    'hive-rust': start('hive-gateway-process.ts', ['hive-rust'], {
      SUBGRAPH_URLS: JSON.stringify(urls),
      NODE_NO_WARNINGS: '1',
    }),
  };
  const gatewayUrls = {} as Record<GatewayName, URL>;
  for (const name of GATEWAYS)
    gatewayUrls[name] = new URL(((await procs[name].ready) as { url: string }).url);
  const pools = Object.fromEntries(
    GATEWAYS.map((g) => [g, new Pool(gatewayUrls[g].origin, { connections: 64 })]),
  ) as Record<GatewayName, Pool>;
  const gql = (g: GatewayName) => async (token: string, query: string, variables: unknown) =>
    (
      await post(
        pools[g],
        gatewayUrls[g].pathname,
        { authorization: `Bearer ${token}` },
        { query, variables },
      )
    ).json;

  try {
    say('seeding two offices (100 and 24 clients) …');
    const offices = [
      await seedOffice(gql('apollo'), config.jwtSecret, 1, 100),
      await seedOffice(gql('apollo'), config.jwtSecret, 2, 24),
    ];

    // Correctness before timing: each office sees exactly its own 20 clients, through every gateway, equal answers.
    const expected: Json[] = [];
    for (const [o, office] of offices.entries()) {
      const answers = await Promise.all(GATEWAYS.map((g) => gql(g)(office.token, DASHBOARD, { first: 20 })));
      const own = new Set(office.clientIds);
      for (const [i, answer] of answers.entries()) {
        const nodes = (answer.data?.clients.edges ?? []).map((e: any) => e.node);
        if (
          answer.errors ||
          nodes.length !== 20 ||
          !nodes.every(
            (n: any) => own.has(n.id) && n.mandateProfile && n.connectorAssociation && n.approvedCompany,
          )
        )
          throw new Error(
            `${GATEWAYS[i]} answered office ${o + 1} wrongly: ${JSON.stringify(answer).slice(0, 500)}`,
          );
        if (!isDeepStrictEqual(answer, answers[0]))
          throw new Error(`${GATEWAYS[i]} and ${GATEWAYS[0]} answer office ${o + 1} differently`);
      }
      expected.push(answers[0]!);
    }
    for (const g of GATEWAYS) {
      const concurrent = await load(pools[g], gatewayUrls[g].pathname, offices, expected, 20, 1_500);
      if (concurrent.failed > 0)
        throw new Error(
          `${g}: ${concurrent.failed} of ${concurrent.requests} concurrent answers were not the office's own`,
        );
      say(`${LABEL[g]}: ${concurrent.requests} concurrent answers, each office got exactly its own data`);
    }
    figure(
      'gateways agree, each office only its own data (3 gateways × 2 offices, under concurrency)',
      1,
      'check',
      'equal',
      true,
    );

    // Interleaved rounds at 20 and 50 connections.
    for (const connections of [20, 50]) {
      const totals = Object.fromEntries(
        GATEWAYS.map((g) => [g, { requests: 0, failed: 0, ms: 0, cpu: 0, latencies: [] as number[] }]),
      );
      for (let round = 0; round < ROUNDS; round++)
        for (const g of inTurn(round)) {
          const cpuBefore = cpuMs(procs[g].child.pid);
          const r = await load(pools[g], gatewayUrls[g].pathname, offices, expected, connections, ROUND_MS);
          const t = totals[g]!;
          t.cpu += cpuMs(procs[g].child.pid) - cpuBefore;
          t.requests += r.requests;
          t.failed += r.failed;
          t.ms += r.ms;
          t.latencies.push(...r.latencies);
          say(
            `  round ${round + 1} @${connections}: ${LABEL[g]} ${Math.round((r.requests / r.ms) * 1000)} rps, ${r.failed} failed`,
          );
        }
      const rps = {} as Record<GatewayName, number>;
      for (const g of GATEWAYS) {
        const t = totals[g]!;
        const sorted = t.latencies.sort((a, b) => a - b);
        rps[g] = (t.requests / t.ms) * 1000;
        figure(
          `${LABEL[g]} @${connections} conn: RPS (p50 ${fixed(percentile(sorted, 50), 1)} ms, p99 ${fixed(percentile(sorted, 99), 1)} ms)`,
          fixed(rps[g], 1),
          'req/s',
          '—',
          null,
        );
        figure(
          `${LABEL[g]} @${connections} conn: gateway CPU per request`,
          fixed(t.cpu / t.requests),
          'ms',
          '—',
          null,
        );
        figure(
          `${LABEL[g]} @${connections} conn: failed answers`,
          t.failed,
          'of ' + t.requests,
          g === 'apollo' ? '0' : '—',
          g === 'apollo' ? t.failed === 0 : null,
        );
      }
      figure(
        `our RPS / Hive Rust planner @${connections} conn`,
        fixed(rps.apollo / rps['hive-rust']),
        '×',
        '≥ 1.0',
        rps.apollo >= rps['hive-rust'],
      );
      figure(
        `our RPS / Hive JS planner @${connections} conn`,
        fixed(rps.apollo / rps['hive-js']),
        '×',
        '≥ 1.0',
        rps.apollo >= rps['hive-js'],
      );
    }

    // Serial p50 against the critical path of direct subgraph calls.
    const office = offices[0]!;
    const subPools = Object.fromEntries(
      Object.entries(urls).map(([n, u]) => [n, new Pool(new URL(u).origin, { connections: 4 })]),
    );
    // Signed before the clock starts: a gateway's signing is inside its own time.
    const signedHeaders = async () => {
      const rid = randomUUID();
      const signed = await signPrincipal(office.principal, rid, config.gatewaySigningSecret);
      return { [PRINCIPAL_HEADER]: signed, [REQUEST_ID_HEADER]: rid };
    };
    const send = async (name: string, query: string, variables: unknown, headers: Record<string, string>) => {
      const t = performance.now();
      const res = await post(subPools[name]!, new URL(urls[name]!).pathname, headers, { query, variables });
      const ms = performance.now() - t;
      if (res.status !== 200 || res.json.errors)
        throw new Error(`${name}: ${JSON.stringify(res.json).slice(0, 300)}`);
      return ms;
    };
    const direct = async (name: string, query: string, variables: unknown) =>
      send(name, query, variables, await signedHeaders());
    const page20 = expected[0]!.data.clients.edges.map((e: any) => ({ __typename: 'Client', id: e.node.id }));
    const entities = (selection: string) =>
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Client { ${selection} } } }`;
    const CALLS: Record<string, { entities: string; cheapest: string }> = {
      mandates: {
        entities: entities('mandateProfile { companyName version }'),
        cheapest: '{ banks { id } }',
      },
      connectors: {
        entities: entities('connectorAssociation { associatedAt connector { id } }'),
        cheapest: '{ connectors { id } }',
      },
      'titres-services': {
        entities: entities('approvedCompany { approvalNumber }'),
        cheapest: '{ officeInvoices(first: 20) { edges { node { id } } } }',
      },
    };
    const CLIENTS_PAGE = `{ clients(first: 20) { totalCount edges { node { __typename id clientCode companyName email language address { city } } } } }`;
    const samples: Record<string, number[]> = { clients: [], 'entities in parallel': [] };
    for (const name of Object.keys(CALLS)) {
      samples[`${name} _entities`] = [];
      samples[`${name} cheapest`] = [];
    }
    const serial = Object.fromEntries(GATEWAYS.map((g) => [g, [] as number[]]));
    // Over the whole serial phase: what each gateway does after answering (logs, timers, GC) included.
    const serialCpu = Object.fromEntries(GATEWAYS.map((g) => [g, cpuMs(procs[g].child.pid)]));
    for (let i = 0; i < SERIAL; i++) {
      samples.clients!.push(await direct('clients', CLIENTS_PAGE, {}));
      for (const [name, call] of Object.entries(CALLS)) {
        samples[`${name} _entities`]!.push(await direct(name, call.entities, { representations: page20 }));
        samples[`${name} cheapest`]!.push(await direct(name, call.cheapest, {}));
      }
      // As the plan runs them: the three entity fetches at once, so they share the cores as they do
      // behind a gateway (one at a time, each has the machine to itself).
      const calls = await Promise.all(
        Object.entries(CALLS).map(async ([name, call]) => ({ name, call, headers: await signedHeaders() })),
      );
      const t = performance.now();
      await Promise.all(
        calls.map(({ name, call, headers }) =>
          send(name, call.entities, { representations: page20 }, headers),
        ),
      );
      samples['entities in parallel']!.push(performance.now() - t);
      for (const g of inTurn(i)) {
        const t = performance.now();
        const res = await post(
          pools[g],
          gatewayUrls[g].pathname,
          { authorization: `Bearer ${office.token}` },
          { query: DASHBOARD, variables: { first: 20 } },
        );
        serial[g]!.push(performance.now() - t);
        if (!isDeepStrictEqual(res.json, expected[0])) throw new Error(`${g}: a serial answer differs`);
      }
    }
    for (const g of GATEWAYS) serialCpu[g] = cpuMs(procs[g].child.pid) - serialCpu[g]!;
    const slowestEntities = Math.max(...Object.keys(CALLS).map((n) => median(samples[`${n} _entities`]!)));
    const criticalPath = median(samples.clients!) + slowestEntities;
    // The same plan with its entity fetches sent together, as a gateway sends them.
    const parallelPath = median(samples.clients!) + median(samples['entities in parallel']!);
    for (const g of GATEWAYS) {
      figure(
        `${LABEL[g]}: serial p50 / critical path (${fixed(median(serial[g]!), 1)} ms / ${fixed(criticalPath, 1)} ms)`,
        fixed(median(serial[g]!) / criticalPath),
        '×',
        g === 'apollo' ? '≤ 1.1' : '—',
        g === 'apollo' ? median(serial[g]!) <= 1.1 * criticalPath : null,
      );
      figure(`${LABEL[g]}: serial, gateway CPU per request`, fixed(serialCpu[g]! / SERIAL), 'ms', '—', null);
      figure(
        `${LABEL[g]}: serial p50 / critical path, entity fetches in parallel (${fixed(median(serial[g]!), 1)} ms / ${fixed(parallelPath, 1)} ms)`,
        fixed(median(serial[g]!) / parallelPath),
        '×',
        '—',
        null,
      );
    }
    figure(`clients page of 20, direct`, fixed(median(samples.clients!), 1), 'ms p50', '—', null);
    for (const name of Object.keys(CALLS)) {
      const e = median(samples[`${name} _entities`]!);
      const c = median(samples[`${name} cheapest`]!);
      figure(
        `${name}: _entities for 20 / cheapest list query (${fixed(e, 1)} ms / ${fixed(c, 1)} ms)`,
        fixed(e / c),
        '×',
        '≤ 2',
        e <= 2 * c,
      );
    }
    await Promise.all(Object.values(subPools).map((p) => p.close()));

    // SQL statements per dashboard request, 10 and 100 clients (office 1 has 100).
    const sqlFor = async (first: number) => {
      const rid = randomUUID();
      const res = await post(
        pools.apollo,
        gatewayUrls.apollo.pathname,
        { authorization: `Bearer ${office.token}`, [REQUEST_ID_HEADER]: rid },
        { query: DASHBOARD, variables: { first } },
      );
      if (res.json.errors || res.json.data.clients.edges.length !== first)
        throw new Error(`dashboard of ${first}: ${JSON.stringify(res.json).slice(0, 300)}`);
      const counts = await Promise.all(
        subgraphs.map(({ child }) => {
          child.send({ type: 'sql', requestId: rid });
          return new Promise<Record<string, number>>((resolve) =>
            child.once('message', (m: any) => resolve(m.counts)),
          );
        }),
      );
      return Object.assign({}, ...counts) as Record<string, number>;
    };
    const ten = await sqlFor(10);
    const hundred = await sqlFor(100);
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    figure(
      `SQL statements per dashboard, 10 vs 100 clients (${JSON.stringify(ten)})`,
      sum(hundred),
      `vs ${sum(ten)}`,
      'equal',
      isDeepStrictEqual(ten, hundred),
    );
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.close()));
    await Promise.all(GATEWAYS.map((g) => stop(procs[g].child, 'stop')));
    await Promise.all(subgraphs.map(({ child }) => stop(child, { type: 'stop' })));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
