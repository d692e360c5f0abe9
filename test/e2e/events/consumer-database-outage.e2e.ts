import { Client } from 'pg';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, UPDATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import { BANKS, ORDER_CODA, belgianIban, ok } from '../mandates-support/mandates-helpers';
import { MANDATES_PARKED_EVENTS, metricOf, readinessOf } from './parked-events-support';

const PROFILE = `query($id: ID!) { client(id: $id) { mandateProfile { email version } } }`;
const OUTAGE_MS = 20_000;

/**
 * The mandates database refuses connections for 20 s while clients are created and
 * updated. The consumer used to give up after five tries (about 3 s) and skip the events for
 * ever; it must wait (blocked, not ready), then apply everything, parking nothing.
 */
describe('events: a consumer whose database is away waits, then applies every event', () => {
  let sys: TestSystem;
  let token: string;
  let operator: string;
  let admin: Client;
  let mandatesDb: string;

  const allowConnections = (allow: boolean) =>
    admin.query(`ALTER DATABASE ${mandatesDb} ALLOW_CONNECTIONS ${allow ? 'true' : 'false'}`);

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.token(newOffice());
    operator = await sys.token({ kind: 'operator', userId: 'op-outage' });
    admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    mandatesDb = new URL(sys.services.mandates.config.databaseUrl).pathname.slice(1);
  });
  afterAll(async () => {
    if (admin) await allowConnections(true).catch(() => undefined);
    await admin?.end();
    await sys?.stop();
  });

  it('holds the events while the database refuses connections and applies them once it is back', async () => {
    const known = ok(await sys.gql(token, CREATE_CLIENT, { input: clientInput(1) })).createClient.client;
    // Mandates learns the client from its ClientRegistered event.
    await eventually(
      'mandates knows the first client',
      async () =>
        (await sys.gql(token, PROFILE, { id: known.id })).data?.client?.mandateProfile?.version === 1,
      180_000,
      250,
    );

    await allowConnections(false);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [mandatesDb],
    );
    const outageStarted = Date.now();

    // The clients service is unaffected: the events are published while mandates cannot apply them.
    const created = ok(await sys.gql(token, CREATE_CLIENT, { input: clientInput(2) })).createClient.client;
    ok(
      await sys.gql(token, UPDATE_CLIENT, {
        input: { id: known.id, expectedVersion: 1, email: 'during-outage@example.be' },
      }),
    );

    await eventually(
      'the mandates consumer reports itself blocked',
      async () => {
        const r = await readinessOf(sys, 'mandates');
        return r.status === 503 && r.checks.consumer === false;
      },
      30_000,
    );
    expect(await metricOf(sys, 'mandates', 'fidu_inbox_consumer_blocked')).toBe(1);

    // The outage lasts well beyond the old retry budget; readiness is watched all along.
    const seenDuringOutage = new Set<string>();
    await eventually(
      `the outage has lasted ${OUTAGE_MS / 1000} s`,
      async () => {
        const r = await readinessOf(sys, 'mandates');
        seenDuringOutage.add(`${r.status} consumer=${String(r.checks.consumer)}`);
        return Date.now() - outageStarted >= OUTAGE_MS;
      },
      OUTAGE_MS + 30_000,
      500,
    );
    await allowConnections(true);

    await eventually(
      'mandates applied the new client and the update made during the outage',
      async () => {
        const [newOne, updated] = await Promise.all([
          sys.gql(token, PROFILE, { id: created.id }),
          sys.gql(token, PROFILE, { id: known.id }),
        ]);
        return (
          newOne.data?.client?.mandateProfile?.version === 1 &&
          updated.data?.client?.mandateProfile?.email === 'during-outage@example.be'
        );
      },
      90_000,
      500,
    );
    // What the issue saw fail for ever: ordering CODA for the client created during the outage.
    const { orderCoda } = ok(
      await sys.gql(token, ORDER_CODA, {
        input: { clientId: created.id, bankId: BANKS.argenta, ibans: [belgianIban(31)] },
      }),
    );
    expect(orderCoda.codaMandate.state).toBe('IN_PREPARATION');

    await eventually(
      'mandates is ready again',
      async () => {
        const r = await readinessOf(sys, 'mandates');
        return r.status === 200 && r.checks.consumer === true;
      },
      30_000,
    );
    expect([...seenDuringOutage]).toEqual(['503 consumer=false']);
    expect(await metricOf(sys, 'mandates', 'fidu_inbox_consumer_blocked')).toBe(0);
    // Nothing was parked: an infrastructure failure is not a poison message.
    const parked = ok(await sys.gql(operator, MANDATES_PARKED_EVENTS, { first: 10 })).mandatesParkedEvents;
    expect(parked).toMatchObject({ totalCount: 0, pendingCount: 0, nodes: [] });
    expect(await metricOf(sys, 'mandates', 'fidu_inbox_parked_events_pending')).toBe(0);
  }, 420_000);
});
