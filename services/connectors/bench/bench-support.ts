import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type Principal, type RunningService } from '@fidu/service-kit';
import { callSubgraph, createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp } from '../src/app';

/** Shared by the benchmarks: a real connectors service on a throw-away database, called over 127.0.0.1. */
export interface BenchService {
  service: RunningService;
  url: string;
  // Bench queries read whatever they selected; typing each answer would only add noise here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  gql<T = any>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<T>;
}

export async function startBenchService(): Promise<BenchService> {
  if (!process.env.DATABASE_URL || !process.env.KAFKA_BROKERS) {
    throw new Error(
      'set DATABASE_URL (admin URL of a Postgres server) and KAFKA_BROKERS (a local broker), as for the tests',
    );
  }
  process.env.LOG_LEVEL ??= 'warn';
  const db = await createTestDatabase('connectors_bench');
  const service = await createApp(testServiceConfig('connectors', db));
  const url = await service.listen(0);
  return {
    service,
    url,
    async gql(principal, query, variables = {}) {
      const res = await callSubgraph(url, principal, query, variables);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data as never;
    },
  };
}

export function office(): Extract<Principal, { kind: 'office' }> {
  return { kind: 'office', officeId: `bench-${randomUUID()}`, userId: 'bench', roles: ['admin'] };
}

/** Clients as ClientRegistered events would have written them into the directory (SQL keeps set-up fast). */
export async function registerClients(
  service: RunningService,
  officeId: string,
  count: number,
): Promise<string[]> {
  const rows = (await service.dataSource.query(
    `INSERT INTO client_directory (client_id, office_id, company_name, client_code, language, version)
     SELECT gen_random_uuid(), $1, 'Client ' || n, 'C' || n, 'FR', 1 FROM generate_series(1, $2) AS n RETURNING client_id`,
    [officeId, count],
  )) as { client_id: string }[];
  return rows.map((r) => r.client_id);
}

export async function activeConnector(
  bench: BenchService,
  principal: Principal,
  softwareId: string,
): Promise<string> {
  const added = await bench.gql(
    principal,
    `mutation($s: ID!) { addConnector(input: { softwareId: $s }) { connector { id } } }`,
    { s: softwareId },
  );
  const id = added.addConnector.connector.id as string;
  await bench.gql(
    principal,
    `mutation($id: ID!) { validateConnector(input: { connectorId: $id }) { connector { state } } }`,
    { id },
  );
  return id;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Figures go to stdout, one line each. */
export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
