import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';

const LIST = `query($filter: ClientFilter, $first: Int, $after: String) {
  clients(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id companyName clientCode email } }
  }
}`;

/** The client list: search, cursor paging, the missing e-mail filter and the bulk e-mail fix. */
describe('clients: list, search, paging, missing e-mails', () => {
  let sys: TestSystem;
  let token: string;
  const ids: string[] = [];

  beforeAll(async () => {
    sys = await sharedSystem();
    token = await sys.token(newOffice());
    for (let n = 1; n <= 25; n++) {
      const res = await sys.gql(token, CREATE_CLIENT, {
        input: clientInput(n, n % 5 === 0 ? { email: null } : {}),
      });
      ids.push(res.data.createClient.client.id);
    }
  });
  afterAll(() => sys?.stop());

  it('pages through all clients in name order with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: any = await sys.gql(token, LIST, { first: 10, after });
      expect(res.data.clients.totalCount).toBe(25);
      seen.push(...res.data.clients.edges.map((e: any) => e.node.companyName));
      after = res.data.clients.pageInfo.hasNextPage ? res.data.clients.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(seen).toEqual([...seen].sort((a, b) => a.localeCompare(b)));
    expect(new Set(seen).size).toBe(25);
  });

  it('searches by name, code and e-mail, any case', async () => {
    const byName = await sys.gql(token, LIST, { filter: { search: 'client 0012' } });
    expect(byName.data.clients.edges.map((e: any) => e.node.clientCode)).toEqual(['C0012']);
    const byCode = await sys.gql(token, LIST, { filter: { search: 'c0003' } });
    expect(byCode.data.clients.edges.map((e: any) => e.node.clientCode)).toEqual(['C0003']);
    const byMail = await sys.gql(token, LIST, { filter: { search: 'client7@' } });
    expect(byMail.data.clients.edges.map((e: any) => e.node.clientCode)).toEqual(['C0007']);
    const byNumber = await sys.gql(token, LIST, { filter: { search: '0200.0012' } });
    expect(byNumber.data.clients.edges.map((e: any) => e.node.clientCode)).toEqual(['C0012']);
    const wildcard = await sys.gql(token, LIST, { filter: { search: '%' } });
    expect(wildcard.data.clients.totalCount).toBe(0);
  });

  it('filters the clients whose e-mail is missing', async () => {
    const res = await sys.gql(token, LIST, { filter: { missingEmail: true }, first: 100 });
    expect(res.data.clients.edges.map((e: any) => e.node.clientCode).sort()).toEqual([
      'C0005',
      'C0010',
      'C0015',
      'C0020',
      'C0025',
    ]);
    expect(res.data.clients.edges.every((e: any) => e.node.email === null)).toBe(true);
  });

  it('refuses bad paging input with typed errors', async () => {
    expect((await sys.gql(token, LIST, { first: 0 })).errors?.[0]?.extensions?.code).toBe(
      'INVALID_PAGE_SIZE',
    );
    expect((await sys.gql(token, LIST, { first: 101 })).errors?.[0]?.extensions?.code).toBe(
      'INVALID_PAGE_SIZE',
    );
    expect((await sys.gql(token, LIST, { after: 'garbage' })).errors?.[0]?.extensions?.code).toBe(
      'INVALID_CURSOR',
    );
  });

  it('adds missing e-mails in bulk, all or nothing', async () => {
    const ADD = `mutation($input: AddMissingEmailsInput!) { addMissingEmails(input: $input) { clients { clientCode email version } } }`;
    const missing = (await sys.gql(token, LIST, { filter: { missingEmail: true } })).data.clients.edges.map(
      (e: any) => e.node,
    );

    // One entry names a client that already has an e-mail: nothing is written.
    const refused = await sys.gql(token, ADD, {
      input: {
        entries: [
          { clientId: missing[0].id, email: 'a@example.be' },
          { clientId: ids[0], email: 'b@example.be' },
        ],
      },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CLIENT_EMAIL_NOT_MISSING');
    const invalid = await sys.gql(token, ADD, {
      input: { entries: [{ clientId: missing[0].id, email: 'nope' }] },
    });
    expect(invalid.errors?.[0]?.extensions).toMatchObject({
      code: 'CLIENT_EMAIL_INVALID',
      field: 'entries.0.email',
    });
    expect((await sys.gql(token, LIST, { filter: { missingEmail: true } })).data.clients.totalCount).toBe(5);

    const ok = await sys.gql(token, ADD, {
      input: {
        entries: missing.map((c: any, i: number) => ({ clientId: c.id, email: `fixed${i}@example.be` })),
      },
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.addMissingEmails.clients).toHaveLength(5);
    expect(ok.data.addMissingEmails.clients.every((c: any) => c.version === 2)).toBe(true);
    expect((await sys.gql(token, LIST, { filter: { missingEmail: true } })).data.clients.totalCount).toBe(0);
  });
});
