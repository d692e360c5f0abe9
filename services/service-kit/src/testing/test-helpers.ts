import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { signPrincipal, PRINCIPAL_HEADER, REQUEST_ID_HEADER } from '../auth/gateway-signature';
import type { Principal } from '../auth/principal';
import { DEV_GATEWAY_SIGNING_SECRET, type ServiceConfig } from '../config';
import { ValidationError } from '../errors';

/**
 * Creates a fresh database on the test server (DATABASE_URL, set by the Jest global setup) and
 * returns its URL: each test file gets its own throw-away database.
 */
export async function createTestDatabase(
  prefix: string,
  adminUrl = process.env.DATABASE_URL,
): Promise<string> {
  if (!adminUrl)
    throw new Error('DATABASE_URL is not set: run tests through `npm test` (it starts Postgres)');
  const name =
    `${prefix.replace(/[^a-z0-9_]/gi, '_')}_${randomUUID().replace(/-/g, '').slice(0, 12)}`.toLowerCase();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Config for a service under test: own database, any free port, a consumer group of its own. */
export function testServiceConfig(
  service: string,
  databaseUrl: string,
  overrides: Partial<ServiceConfig> = {},
): ServiceConfig {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0)
    throw new Error('KAFKA_BROKERS is not set: run tests through `npm test` (it starts Kafka)');
  return {
    service,
    port: 0,
    host: '127.0.0.1',
    production: false,
    databaseUrl,
    kafkaBrokers: brokers,
    kafkaGroupId: `${service}-test-${randomUUID().slice(0, 8)}`,
    kafkaNamespace: '',
    newGroupStartsAtEnd: true,
    gatewaySigningSecret: DEV_GATEWAY_SIGNING_SECRET,
    ...overrides,
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

/** Calls a subgraph directly, as the gateway would: with a signed principal (or none). */
export async function callSubgraph<T = Record<string, unknown>>(
  url: string,
  principal: Principal | null,
  query: string,
  variables: Record<string, unknown> = {},
  options: { secret?: string; requestId?: string } = {},
): Promise<GraphQLResponse<T>> {
  const requestId = options.requestId ?? randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [REQUEST_ID_HEADER]: requestId,
  };
  if (principal)
    headers[PRINCIPAL_HEADER] = await signPrincipal(
      principal,
      requestId,
      options.secret ?? DEV_GATEWAY_SIGNING_SECRET,
    );
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Polls until `probe` returns a value (not undefined/false) or fails with what did not happen. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting until ${what}${last ? ` (last error: ${String(last)})` : ''}`,
  );
}

/** The codes of the problems an input checker found ([] when its `done()` passes). */
export function problemCodes(checker: { done(): void }): string[] {
  try {
    checker.done();
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.problems.map((p) => p.code);
  }
}
