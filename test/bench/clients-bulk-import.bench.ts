/**
 * Benchmark: 10,000 clients imported through the gateway in one importClients mutation, as a list
 * and as a CSV file, then how long the ClientRegistered burst takes to reach another service
 * (titres-services' client directory, started after the imports).
 * Run: DATABASE_URL=postgres://… KAFKA_BROKERS=127.0.0.1:… npx tsx test/bench/clients-bulk-import.bench.ts [--rows 10000]
 * (`npm run bench` does it on its own Postgres and Kafka). Build the clients, titres-services and
 * gateway packages first. Loopback only; bounded (aborts after 300 s).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createGateway, readConfig } from '@fidu/gateway';
import { mintToken } from '@fidu/service-kit/bearer-token';
import { createLogger } from '@fidu/service-kit';
import { createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp as createTitresServices } from '@fidu/titres-services';
import { createApp } from '@fidu/clients';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const ROWS = Number(values.rows);
const TARGET_MS = 10_000;
const DEADLINE = setTimeout(() => {
  process.stderr.write('benchmark: aborted after 300 s\n');
  process.exit(1);
}, 300_000);
/** Benchmark results go to stdout, one line each. */
const say = (line: string) => process.stdout.write(`${line}\n`);
const kb = (n: number) => `${Math.round(n / 1024)} kB`;

/** A valid Belgian enterprise number (mod 97) per seed. */
function enterpriseNumber(seed: number): string {
  const base = 3_000_000 + seed;
  return `${String(base).padStart(8, '0')}${String(97 - (base % 97)).padStart(2, '0')}`;
}

function row(tag: string, i: number) {
  return {
    clientCode: `${tag}${i}`,
    companyName: `Client ${i} SRL`,
    language: ['FR', 'NL', 'EN', 'DE'][i % 4]!,
    enterpriseNumber: enterpriseNumber(i),
    email: `client${i}@example.be`,
    phone: '02 511 11 11',
    address: { street: `Rue de la Loi ${i}`, postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  };
}

const IMPORT = `mutation($input: ImportClientsInput!) { importClients(input: $input) {
  clientImport { status total created refused startedAt finishedAt } } }`;

async function main(): Promise<void> {
  const log = createLogger('bench', 'warn');
  const clients = await createApp(testServiceConfig('clients', await createTestDatabase('clients_bench')));
  const urls = { clients: await clients.listen(0) };
  const base = readConfig({ NODE_ENV: 'test', KAFKA_BROKERS: '' });
  const config = { ...base, port: 0, subgraphUrls: { ...base.subgraphUrls, ...urls } };
  const gateway = await createGateway(config, log);
  const gatewayUrl = await gateway.listen(0);
  const officeId = randomUUID();
  const token = await mintToken(
    { kind: 'office', officeId, userId: 'bench', roles: ['admin'] },
    config.jwtSecret,
  );

  async function timedImport(label: string, input: Record<string, unknown>): Promise<number> {
    const body = JSON.stringify({ query: IMPORT, variables: { input } });
    const t0 = performance.now();
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const ms = performance.now() - t0;
    const json = (await res.json()) as {
      data?: { importClients: { clientImport: Record<string, unknown> } };
      errors?: unknown;
    };
    if (!json.data) throw new Error(`${label}: ${JSON.stringify(json.errors)}`);
    const outcome = json.data.importClients.clientImport;
    // The import's own time (its row, from start to DONE), apart from transport and GraphQL.
    const inService = Date.parse(String(outcome.finishedAt)) - Date.parse(String(outcome.startedAt));
    say(
      `${label}: ${ROWS} rows, body ${kb(body.length)}, ${Math.round(ms)} ms through the gateway, ${inService} ms in the import itself ` +
        `(${outcome.created} created, ${outcome.refused} refused) — target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'met' : 'MISSED'}`,
    );
    return ms;
  }

  const list = Array.from({ length: ROWS }, (_, i) => row('L', i));
  const listMs = await timedImport('list import', { clients: list });
  const header =
    'client_code;company_name;language;enterprise_number;email;phone;street;postal_code;city;country';
  const csv = [
    header,
    ...Array.from({ length: ROWS }, (_, i) => {
      const r = row('C', ROWS + i);
      const a = r.address;
      return [
        r.clientCode,
        r.companyName,
        r.language,
        r.enterpriseNumber,
        r.email,
        r.phone,
        a.street,
        a.postalCode,
        a.city,
        a.country,
      ].join(';');
    }),
  ].join('\n');
  const csvMs = await timedImport('CSV import', { csv });

  // The burst downstream: every ClientRegistered applied by titres-services (one inbox transaction
  // each). Started after the imports, so it does not share this process's CPU with them (in
  // production each service is its own process).
  const titres = await createTitresServices(
    // Started after the imports, it reads the burst from the topic's beginning (tests start at the end).
    testServiceConfig('titres-services', await createTestDatabase('titres_services_bench'), {
      newGroupStartsAtEnd: false,
    }),
  );
  const t0 = performance.now();
  let known = 0;
  while (known < 2 * ROWS && performance.now() - t0 < 150_000) {
    const [r] = (await titres.dataSource.query(
      `SELECT count(*)::int AS n FROM client_directory WHERE office_id = $1`,
      [officeId],
    )) as { n: number }[];
    known = r!.n;
    if (known < 2 * ROWS) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const s = (performance.now() - t0) / 1000;
  say(
    `downstream: titres-services applied ${known} of ${2 * ROWS} ClientRegistered events in ${Math.round(s)} s ` +
      `(${Math.round(known / Math.max(s, 0.001))} events/s)`,
  );
  await gateway.stop();
  await Promise.all([clients.stop(), titres.stop()]);
  clearTimeout(DEADLINE);
  if (listMs >= TARGET_MS || csvMs >= TARGET_MS || known < 2 * ROWS) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
