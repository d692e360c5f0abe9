import { randomUUID } from 'node:crypto';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';

const PAGE = `query($first: Int) { clients(first: $first) { edges { node {
  id companyName clientCode email address { city }
  mandateProfile { companyName version }
  connectorAssociation { associatedAt }
  approvedCompany { approvalNumber }
} } } }`;

/** No N+1: a page of 100 clients with fields from every subgraph costs what a page of 10 costs. */
describe('federation: SQL statements per page', () => {
  let sys: TestSystem;
  let token: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    const office = newOffice();
    token = await sys.token(office);
    for (let n = 1; n <= 100; n++) {
      const res = await sys.gql(token, CREATE_CLIENT, { input: clientInput(n) });
      expect(res.errors).toBeUndefined();
    }
    await eventually(
      "every subgraph has heard of this office's 100 clients",
      async () => {
        const counts = await Promise.all(
          (['mandates', 'connectors', 'titres-services'] as const).map(
            async (name) =>
              (
                await sys.services[name].dataSource.query(
                  `SELECT count(*)::int AS n FROM client_directory WHERE office_id = $1`,
                  [office.officeId],
                )
              )[0].n,
          ),
        );
        return counts.every((n) => n === 100);
      },
      60_000,
    );
  }, 120_000);
  afterAll(() => sys?.stop());

  async function statementsFor(first: number): Promise<Record<string, number>> {
    const requestId = randomUUID();
    const res = await sys.gql(token, PAGE, { first }, requestId);
    expect(res.errors).toBeUndefined();
    expect(res.data.clients.edges).toHaveLength(first);
    expect(res.data.clients.edges.every((e: any) => e.node.mandateProfile?.version === 1)).toBe(true);
    return Object.fromEntries(
      Object.entries(sys.services).map(([name, s]) => [name, s.sqlCounter.countFor(requestId)]),
    );
  }

  it('costs the same number of statements for 10 and for 100 clients, per subgraph', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toEqual(ten);
    // Figures for the closing note: statements per subgraph for one page.
    process.stderr.write(`SQL statements per page (10 and 100 clients): ${JSON.stringify(ten)}\n`);
    expect(ten.clients).toBeLessThanOrEqual(2);
  });
});
