import {
  DEMO_OFFICE_ID,
  seedClients,
  seedConnectors,
  seedMandates,
  seedTitresServices,
  type DemoContext,
} from '@fidu/infra';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { ok } from '../mandates-support/mandates-helpers';

const MANDATE_STATES = `{
  coda: codaMandates(first: 100) { edges { node { state } } }
  soda: sodaMandates(first: 100) { edges { node { state } } }
  caro: caroOrders(first: 100) { edges { node { state } } }
}`;
const CONNECTOR_STATES = `{
  connectors { state software { id } }
  exportBatches { edges { node { status } } }
  globalFiles { edges { node { entryCount } } }
}`;

const statesOf = (rows: { node: { state: string } }[]) => [...new Set(rows.map((r) => r.node.state))].sort();

/**
 * `npm start`'s demo data, seeded through the gateway in its order (clients, mandates,
 * titres-services, connectors): examples in every state for the demo office, and every seeder
 * idempotent. A federation of its own: the demo office is one fixed tenant.
 */
describe('demo data', () => {
  let sys: TestSystem;
  let ctx: DemoContext;
  beforeAll(async () => {
    sys = await startSystem();
    const officeToken = await sys.token({ ...newOffice(), officeId: DEMO_OFFICE_ID });
    ctx = { url: sys.gatewayUrl, officeToken, token: (p) => sys.token(p) };
    await seedClients(ctx.url, officeToken);
  });
  afterAll(() => sys?.stop());

  it('mandates: CODA and SODA in (nearly) every state, CARO in every state', async () => {
    const banner = await seedMandates(ctx);
    expect(banner).toContain('--partner SOCIAL_SECRETARIAT:5ec00000-0000-4000-8000-000000000002');
    expect(banner).toMatch(
      /CARO invitations job run 15 days ahead: 1 CARO invitation\(s\) expired, 0 reminded/,
    );
    const states = ok(await sys.gql(ctx.officeToken, MANDATE_STATES));
    expect(statesOf(states.coda.edges)).toEqual(
      [
        'ACTIVE',
        'ARCHIVED',
        'AVAILABLE_ONLINE',
        'BANK_PROCEDURE',
        'IN_PREPARATION',
        'IN_TREATMENT',
        'PROBLEM',
        'REGISTERED',
        'SENT_TO_CLIENT',
        'SIGNED',
      ].sort(),
    );
    expect(statesOf(states.soda.edges)).toEqual(
      ['ACTIVE', 'ARCHIVED', 'CONFIRMED', 'DELAYED', 'NOT_SIGNED', 'PROBLEM', 'REQUESTED'].sort(),
    );
    expect(statesOf(states.caro.edges)).toEqual(
      ['ACTIVE', 'CANCELLED', 'INVITATION_EXPIRED', 'INVITATION_SENT', 'PROBLEM'].sort(),
    );
    expect(states.caro.edges).toHaveLength(5);
  });

  it('titres-services: the demo client becomes an approved company', async () => {
    expect(await seedTitresServices(ctx)).not.toMatch(/not found|already present/);
    const res = ok(
      await sys.gql(
        ctx.officeToken,
        `{ clients(filter: { search: "Nettoyage Dumont" }, first: 1) { edges { node { approvedCompany { id } } } } }`,
      ),
    );
    expect(res.clients.edges[0].node.approvedCompany).not.toBeNull();
  });

  it('connectors: connectors, associations, exports and a global file in every state', async () => {
    expect(await seedConnectors(ctx)).toContain('BANK:ba000000-0000-4000-8000-000000000002');
    const all = ok(await sys.gql(ctx.officeToken, CONNECTOR_STATES));
    expect(all.connectors.map((c: any) => `${c.software.id}:${c.state}`)).toEqual([
      'exact-online:ACTIVE',
      'octopus:ACTIVE',
      'yuki:PENDING_VALIDATION',
    ]);
    expect(new Set(all.exportBatches.edges.map((e: any) => e.node.status))).toEqual(
      new Set(['PRODUCED', 'DELIVERED', 'FAILED']),
    );
    expect(all.globalFiles.edges[0].node.entryCount).toBeGreaterThan(0);
    const deleted = await sys.services.connectors.dataSource.query(
      `SELECT count(*)::int AS n FROM connector WHERE office_id = $1 AND state = 'DELETED'`,
      [DEMO_OFFICE_ID],
    );
    expect(deleted[0].n).toBe(1);
  });

  it('seeds each domain once: a second run adds nothing', async () => {
    const counts = async () => {
      const m = ok(await sys.gql(ctx.officeToken, MANDATE_STATES));
      const c = ok(await sys.gql(ctx.officeToken, CONNECTOR_STATES));
      return [m.coda.edges.length, m.soda.edges.length, m.caro.edges.length, c.connectors.length];
    };
    const before = await counts();
    expect(await seedClients(ctx.url, ctx.officeToken)).toMatch(/already present/);
    // The connectors' demo orders CODA mandates of its own, after the mandates' ten.
    expect(await seedMandates(ctx)).toMatch(/already present: \d+ CODA mandates/);
    expect(await seedTitresServices(ctx)).toMatch(/already present/);
    expect(await seedConnectors(ctx)).toContain('already present');
    expect(await counts()).toEqual(before);
    expect(before[2]).toBe(5);
    expect(before[3]).toBe(3);
  });
});
