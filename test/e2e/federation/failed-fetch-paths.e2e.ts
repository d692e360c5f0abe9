import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';

/**
 * A failed subgraph fetch leaves fields null: each error names the field it left null (`path`), so a
 * caller knows which part of the partial data is missing, and never shows the subgraph's address.
 */
describe('federation: errors of a failed subgraph fetch carry the path of what it left null', () => {
  let sys: TestSystem;
  let token: string;

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.token(newOffice());
    for (const n of [1, 2]) {
      const created = await sys.gql(token, CREATE_CLIENT, { input: clientInput(n) });
      expect(created.errors).toBeUndefined();
    }
    await sys.services.connectors.stop();
  });
  afterAll(() => sys?.stop());

  it('an entity fetch: one error per client, at the field left null', async () => {
    const res = await sys.gql(
      token,
      `{ clients { edges { node { companyName connectorAssociation { associatedAt } } } } }`,
    );
    expect(res.status).toBe(200);
    expect(res.data.clients.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { companyName: 'Client 0001 SRL', connectorAssociation: null },
      { companyName: 'Client 0002 SRL', connectorAssociation: null },
    ]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['clients', 'edges', 0, 'node', 'connectorAssociation'], 'SERVICE_UNAVAILABLE'],
      [['clients', 'edges', 1, 'node', 'connectorAssociation'], 'SERVICE_UNAVAILABLE'],
    ]);
    expect(JSON.stringify(res.errors)).not.toMatch(
      /127\.0\.0\.1|http:|ECONN|fetch failed|stack|serviceName/i,
    );
  });

  it('a root fetch: the root field left null', async () => {
    const res = await sys.gql(token, `{ connectorSoftwares { id } }`);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['connectorSoftwares'], 'SERVICE_UNAVAILABLE'],
    ]);
  });
});
