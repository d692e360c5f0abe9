import { DEMO_OFFICE_ID, seedClients, seedMandates } from '@fidu/infra';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { ok } from '../mandates-support/mandates-helpers';

const STATES = `{
  coda: codaMandates(first: 100) { edges { node { state } } }
  soda: sodaMandates(first: 100) { edges { node { state } } }
  caro: caroOrders(first: 100) { edges { node { state } } }
}`;

/** The demo seeder shows the mandates domain in (nearly) every state, CARO in every state, and is idempotent. */
describe('mandates: demo data', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  }, 120_000);
  afterAll(() => sys?.stop());

  it('seeds CODA, SODA and CARO examples for the demo office, once', async () => {
    const office = await sys.token({ ...newOffice(), officeId: DEMO_OFFICE_ID });
    const ctx = {
      url: sys.gatewayUrl,
      officeToken: office,
      token: (p: Parameters<TestSystem['token']>[0]) => sys.token(p),
    };
    await seedClients(ctx.url, office);
    const banner = await seedMandates(ctx);
    expect(banner).toContain('--partner SOCIAL_SECRETARIAT:5ec00000-0000-4000-8000-000000000002');
    const states = ok(await sys.gql(office, STATES));
    const set = (rows: { state: string }[]) => [...new Set(rows.map((r) => r.state))].sort();
    expect(set(states.coda.edges.map((e: any) => e.node))).toEqual(
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
    expect(set(states.soda.edges.map((e: any) => e.node))).toEqual(
      ['ACTIVE', 'ARCHIVED', 'CONFIRMED', 'DELAYED', 'NOT_SIGNED', 'PROBLEM', 'REQUESTED'].sort(),
    );
    expect(set(states.caro.edges.map((e: any) => e.node))).toEqual(
      ['ACTIVE', 'CANCELLED', 'INVITATION_EXPIRED', 'INVITATION_SENT', 'PROBLEM'].sort(),
    );
    expect(states.caro.edges.map((e: any) => e.node)).toHaveLength(5);
    expect(banner).toMatch(
      /CARO invitations job run 15 days ahead: 1 CARO invitation\(s\) expired, 0 reminded/,
    );
    expect(await seedMandates(ctx)).toMatch(/already present: 10 CODA mandates/);
    const again = ok(await sys.gql(office, STATES));
    expect(again.coda.edges.map((e: any) => e.node)).toHaveLength(10);
    expect(again.caro.edges.map((e: any) => e.node)).toHaveLength(5);
  });
});
