import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, UPDATE_CLIENT, clientInput } from '../../support/fixtures';

/** Tenancy: an office sees and changes only its own clients; anonymous callers get nothing. */
describe('clients: tenancy', () => {
  let sys: TestSystem;
  let mine: string;
  let theirs: string;
  let anonymousOk: string | null;
  let clientId: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    mine = await sys.token(newOffice());
    theirs = await sys.token(newOffice());
    anonymousOk = null;
    const res = await sys.gql(mine, CREATE_CLIENT, { input: clientInput(1, { email: null }) });
    clientId = res.data.createClient.client.id;
  });
  afterAll(() => sys?.stop());

  const reads = () =>
    sys.gql(mine, `query($id: ID!) { client(id: $id) { companyName email clientCode version } }`, {
      id: clientId,
    });

  it('another office cannot read the client, alone or in its list or search', async () => {
    expect(
      (await sys.gql(theirs, `query($id: ID!) { client(id: $id) { id } }`, { id: clientId })).data.client,
    ).toBeNull();
    const list = await sys.gql(theirs, `{ clients(first: 100) { totalCount edges { node { id } } } }`);
    expect(list.data.clients).toEqual({ totalCount: 0, edges: [] });
    const search = await sys.gql(
      theirs,
      `{ clients(filter: { search: "Client", missingEmail: true }) { totalCount } }`,
    );
    expect(search.data.clients.totalCount).toBe(0);
  });

  it('another office cannot update the client or fill its e-mail', async () => {
    const upd = await sys.gql(theirs, UPDATE_CLIENT, {
      input: { id: clientId, expectedVersion: 1, companyName: 'Hijacked' },
    });
    expect(upd.errors?.[0]?.extensions?.code).toBe('CLIENT_NOT_FOUND');
    const bulk = await sys.gql(
      theirs,
      `mutation($input: AddMissingEmailsInput!) { addMissingEmails(input: $input) { clients { id } } }`,
      {
        input: { entries: [{ clientId, email: 'hijack@example.be' }] },
      },
    );
    expect(bulk.errors?.[0]?.extensions?.code).toBe('CLIENT_NOT_FOUND');
    expect((await reads()).data.client).toMatchObject({
      companyName: 'Client 0001 SRL',
      email: null,
      version: 1,
    });
  });

  it('a client created by another office lands in that office only', async () => {
    await sys.gql(theirs, CREATE_CLIENT, { input: clientInput(2) });
    const mineList = await sys.gql(mine, `{ clients { edges { node { clientCode } } } }`);
    expect(mineList.data.clients.edges.map((e: any) => e.node.clientCode)).toEqual(['C0001']);
  });

  it.each([
    ['client', `query($id: ID!) { client(id: $id) { id } }`, () => ({ id: clientId })],
    ['clients', `{ clients { totalCount } }`, () => ({})],
    ['createClient', CREATE_CLIENT, () => ({ input: clientInput(3) })],
    [
      'updateClient',
      UPDATE_CLIENT,
      () => ({ input: { id: clientId, expectedVersion: 1, email: 'x@example.be' } }),
    ],
    [
      'addMissingEmails',
      `mutation($input: AddMissingEmailsInput!) { addMissingEmails(input: $input) { clients { id } } }`,
      () => ({ input: { entries: [{ clientId, email: 'x@example.be' }] } }),
    ],
  ])('without a token, %s is refused with UNAUTHENTICATED', async (_name, query, vars) => {
    const res = await sys.gql(anonymousOk, query, vars());
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data?.clients ?? res.data?.client ?? null).toBeNull();
  });

  it('a partner token cannot use the office operations', async () => {
    const partner = await sys.token({ kind: 'partner', partnerType: 'BANK', partnerId: 'kbc' });
    const res = await sys.gql(partner, `{ clients { totalCount } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('nothing changed for the owner after all these attempts', async () => {
    expect((await reads()).data.client).toMatchObject({
      companyName: 'Client 0001 SRL',
      email: null,
      version: 1,
    });
  });
});
