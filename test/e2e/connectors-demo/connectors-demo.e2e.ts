import { DEMO_OFFICE_ID } from '../../../infra/src/demo/demo-context';
import { seedClients } from '../../../infra/src/demo/seed-clients';
import { seedConnectors } from '../../../infra/src/demo/seed-connectors';
import { startSystem, type TestSystem } from '../../support/system';

/** `npm start`'s connectors demo data: examples in every state for the demo office, seeded through the gateway, idempotently. */
describe('connectors: demo data', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys?.stop());

  it('shows connectors, associations, exports and a global file in every state, once', async () => {
    const officeToken = await sys.token({
      kind: 'office',
      officeId: DEMO_OFFICE_ID,
      userId: 'demo',
      roles: ['admin'],
    });
    const ctx = {
      url: sys.gatewayUrl,
      officeToken,
      token: (p: Parameters<TestSystem['token']>[0]) => sys.token(p),
    };
    await seedClients(ctx.url, officeToken);
    const line = await seedConnectors(ctx);
    expect(line).toContain('BANK:ba000000-0000-4000-8000-000000000002');

    const all = await sys.gql(
      officeToken,
      `{ connectors { state software { id } } exportBatches { edges { node { status } } } globalFiles { edges { node { entryCount } } } }`,
    );
    expect(all.errors).toBeUndefined();
    expect(all.data.connectors.map((c: any) => `${c.software.id}:${c.state}`)).toEqual([
      'exact-online:ACTIVE',
      'octopus:ACTIVE',
      'yuki:PENDING_VALIDATION',
    ]);
    expect(new Set(all.data.exportBatches.edges.map((e: any) => e.node.status))).toEqual(
      new Set(['PRODUCED', 'DELIVERED', 'FAILED']),
    );
    expect(all.data.globalFiles.edges[0].node.entryCount).toBeGreaterThan(0);
    const deleted = await sys.services.connectors.dataSource.query(
      `SELECT count(*)::int AS n FROM connector WHERE office_id = $1 AND state = 'DELETED'`,
      [DEMO_OFFICE_ID],
    );
    expect(deleted[0].n).toBe(1);

    expect(await seedConnectors(ctx)).toContain('already present');
  });
});
