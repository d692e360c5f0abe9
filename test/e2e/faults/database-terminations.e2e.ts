import { Client } from 'pg';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { newOffice, startSystem, type TestSystem } from '../../support/system';

const LOAD_MS = 8_000;
const READ = `{ clients(first: 20) { totalCount edges { node { companyName mandateProfile { version } } } } }`;

/**
 * Postgres backends of a service killed again and again under load (pg_terminate_backend, what a
 * failover or an operator does): callers get data, or a typed retryable error for a write, never a
 * 5xx and never INTERNAL_SERVER_ERROR; afterwards the service answers as before.
 */
describe('faults: Postgres connections terminated under load', () => {
  let sys: TestSystem;
  let token: string;
  let admin: Client;

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.token(newOffice());
    for (let i = 1; i <= 5; i++) await sys.gql(token, CREATE_CLIENT, { input: clientInput(i) });
    admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await sys?.stop();
  });

  it('answers every request with data or a retryable code while backends are terminated', async () => {
    const databases = ['clients', 'mandates'].map((name) =>
      new URL(sys.services[name as 'clients'].config.databaseUrl).pathname.slice(1),
    );
    let loading = true;
    let terminated = 0;
    const killer = (async () => {
      while (loading) {
        const { rowCount } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = ANY($1) AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
          [databases],
        );
        terminated += rowCount ?? 0;
        // Every 200 ms: connections die mid-transaction, the pool reconnects in between.
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const tally: Record<string, number> = {};
    const problems: string[] = [];
    const started = Date.now();
    for (let n = 0; Date.now() - started < LOAD_MS; n++) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, (_, k) =>
          k % 2 === 0
            ? sys.gql(token, READ)
            : sys.gql(token, CREATE_CLIENT, { input: clientInput(100 + n * 8 + k) }),
        ),
      );
      for (const res of batch) {
        const key = `${res.status} ${res.errors?.[0]?.extensions?.code ?? 'ok'}`;
        tally[key] = (tally[key] ?? 0) + 1;
        if (res.status >= 500) problems.push(`HTTP ${res.status}`);
        for (const e of res.errors ?? [])
          if (!['DATABASE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'].includes(e.extensions?.code))
            problems.push(`${e.extensions?.code}: ${e.message}`);
          else if (e.extensions?.code === 'DATABASE_UNAVAILABLE' && e.extensions.retryable !== true)
            problems.push('DATABASE_UNAVAILABLE without retryable');
      }
    }
    loading = false;
    await killer;
    process.stderr.write(
      `postgres terminations: ${terminated} backends killed; answers ${JSON.stringify(tally)}\n`,
    );
    expect(terminated).toBeGreaterThan(10);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(tally['200 ok']).toBeGreaterThan(0);

    // Afterwards: every read and write works again, with no error at all.
    const read = await sys.gql(token, READ);
    expect(read.errors).toBeUndefined();
    const write = await sys.gql(token, CREATE_CLIENT, { input: clientInput(9_999) });
    expect(write.errors).toBeUndefined();
  }, 120_000);
});
