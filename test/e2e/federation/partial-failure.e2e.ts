import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';

/** A failing subgraph yields partial data: the owner's fields still arrive, errors are masked. */
describe('federation: partial data when a subgraph is down', () => {
  let sys: TestSystem;
  let token: string;

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.token(newOffice());
    await sys.gql(token, CREATE_CLIENT, { input: clientInput(1) });
  });
  afterAll(() => sys?.stop());

  it('returns the clients with null connector fields and a masked error while connectors is down', async () => {
    const query = `{ clients { edges { node { companyName connectorAssociation { associatedAt } mandateProfile { version } } } } }`;
    await eventually(
      'mandates knows the client',
      async () => (await sys.gql(token, query)).data?.clients.edges[0]?.node.mandateProfile?.version === 1,
      30_000,
    );

    await sys.services.connectors.stop();
    const res = await sys.gql(token, query);
    expect(res.status).toBe(200);
    expect(res.data.clients.edges[0].node).toEqual({
      companyName: 'Client 0001 SRL',
      connectorAssociation: null,
      mandateProfile: { version: 1 },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(res.errors)).not.toMatch(/127\.0\.0\.1|http:|ECONNREFUSED|stack/i);
  });
});
