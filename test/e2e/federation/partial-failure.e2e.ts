import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';

const MASKED = /127\.0\.0\.1|http:|ECONN|fetch failed|stack|serviceName/i;

/**
 * A failing subgraph yields partial data: the other subgraphs' fields still arrive, and each error
 * names the field it left null (`path`), so a caller knows which part is missing, without ever
 * showing the subgraph's address. A federation of its own: the connectors service is stopped.
 */
describe('federation: partial data when a subgraph is down', () => {
  let sys: TestSystem;
  let token: string;

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.token(newOffice());
    for (const n of [1, 2]) {
      const created = await sys.gql(token, CREATE_CLIENT, { input: clientInput(n) });
      expect(created.errors).toBeUndefined();
    }
    await eventually(
      'mandates knows both clients',
      async () => {
        const res = await sys.gql(token, `{ clients { edges { node { mandateProfile { version } } } } }`);
        const edges = res.data?.clients.edges ?? [];
        return edges.length === 2 && edges.every((e: any) => e.node.mandateProfile?.version === 1);
      },
      30_000,
    );
    await sys.services.connectors.stop();
  });
  afterAll(() => sys?.stop());

  it("the other subgraphs' fields arrive, connectors' are null with one error per client at its path", async () => {
    const res = await sys.gql(
      token,
      `{ clients { edges { node { companyName connectorAssociation { associatedAt } mandateProfile { version } } } } }`,
    );
    expect(res.status).toBe(200);
    expect(res.data.clients.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { companyName: 'Client 0001 SRL', connectorAssociation: null, mandateProfile: { version: 1 } },
      { companyName: 'Client 0002 SRL', connectorAssociation: null, mandateProfile: { version: 1 } },
    ]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['clients', 'edges', 0, 'node', 'connectorAssociation'], 'SERVICE_UNAVAILABLE'],
      [['clients', 'edges', 1, 'node', 'connectorAssociation'], 'SERVICE_UNAVAILABLE'],
    ]);
    expect(JSON.stringify(res.errors)).not.toMatch(MASKED);
  });

  it('a root fetch: the root field left null', async () => {
    const res = await sys.gql(token, `{ connectorSoftwares { id } }`);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['connectorSoftwares'], 'SERVICE_UNAVAILABLE'],
    ]);
    expect(JSON.stringify(res.errors)).not.toMatch(MASKED);
  });
});
