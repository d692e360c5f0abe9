import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, UPDATE_CLIENT, clientInput } from '../../support/fixtures';

/** Client master data through the gateway: create, read, edit under the rules, typed errors that change nothing. */
describe('clients: master data rules', () => {
  let sys: TestSystem;
  let token: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    token = await sys.token(newOffice());
  });
  afterAll(() => sys?.stop());

  async function create(n: number, overrides: Record<string, unknown> = {}) {
    const res = await sys.gql(token, CREATE_CLIENT, { input: clientInput(n, overrides) });
    expect(res.errors).toBeUndefined();
    return res.data.createClient.client;
  }
  const read = async (id: string) =>
    (
      await sys.gql(
        token,
        `query($id: ID!) { client(id: $id) { id enterpriseNumber companyName clientCode email phone version } }`,
        { id },
      )
    ).data.client;

  it('creates and reads a client with normalised values', async () => {
    const c = await create(1, {
      enterpriseNumber: 'BE 0200.000.142',
      email: ' Hello@Example.BE ',
      phone: '02 511 11 11',
    });
    expect(c).toMatchObject({
      enterpriseNumber: '0200.000.142',
      email: 'hello@example.be',
      phone: '+3225111111',
      version: 1,
      companyNameEditable: true,
      enterpriseNumberEditable: false,
    });
    expect(await read(c.id)).toMatchObject({ id: c.id, companyName: 'Client 0001 SRL' });
  });

  it('edits any field but the enterprise number, and returns the new version', async () => {
    const c = await create(2);
    const res = await sys.gql(token, UPDATE_CLIENT, {
      input: {
        id: c.id,
        expectedVersion: 1,
        companyName: 'Renamed SRL',
        email: 'new@example.be',
        phone: null,
      },
    });
    expect(res.data.updateClient).toMatchObject({
      client: { companyName: 'Renamed SRL', email: 'new@example.be', phone: null, version: 2 },
      warnings: [],
    });
  });

  it('refuses to change a set enterprise number and changes nothing', async () => {
    const c = await create(3);
    const res = await sys.gql(token, UPDATE_CLIENT, {
      input: { id: c.id, expectedVersion: 1, enterpriseNumber: '0403.170.701', email: 'other@example.be' },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'CLIENT_ENTERPRISE_NUMBER_IMMUTABLE',
      field: 'enterpriseNumber',
    });
    expect(await read(c.id)).toMatchObject({
      email: c.email,
      version: 1,
      enterpriseNumber: c.enterpriseNumber,
    });
  });

  it('lets an empty enterprise number be filled once; the company name stays locked until then', async () => {
    const c = await create(4, { enterpriseNumber: null });
    expect(c).toMatchObject({
      enterpriseNumber: null,
      companyNameEditable: false,
      enterpriseNumberEditable: true,
    });

    const locked = await sys.gql(token, UPDATE_CLIENT, {
      input: { id: c.id, expectedVersion: 1, companyName: 'New name' },
    });
    expect(locked.errors?.[0]?.extensions?.code).toBe('CLIENT_COMPANY_NAME_LOCKED');
    expect(locked.errors?.[0]?.message).toMatch(/enterprise number/);

    const filled = await sys.gql(token, UPDATE_CLIENT, {
      input: { id: c.id, expectedVersion: 1, enterpriseNumber: '0403170701' },
    });
    expect(filled.data.updateClient.client).toMatchObject({ enterpriseNumber: '0403.170.701', version: 2 });

    const again = await sys.gql(token, UPDATE_CLIENT, {
      input: { id: c.id, expectedVersion: 2, enterpriseNumber: '0202.239.951' },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('CLIENT_ENTERPRISE_NUMBER_IMMUTABLE');

    const renamed = await sys.gql(token, UPDATE_CLIENT, {
      input: { id: c.id, expectedVersion: 2, companyName: 'New name' },
    });
    expect(renamed.data.updateClient.client).toMatchObject({ companyName: 'New name', version: 3 });
  });

  it('accepts a new client code with a warning about the delivery folder', async () => {
    const c = await create(5);
    const res = await sys.gql(token, UPDATE_CLIENT, {
      input: { id: c.id, expectedVersion: 1, clientCode: 'NEWCODE5' },
    });
    expect(res.data.updateClient.client.clientCode).toBe('NEWCODE5');
    expect(res.data.updateClient.warnings).toEqual([
      expect.objectContaining({
        code: 'CLIENT_CODE_CHANGED',
        field: 'clientCode',
        message: expect.stringMatching(/another folder/),
      }),
    ]);
  });

  it('keeps client codes and enterprise numbers unique per office', async () => {
    const c = await create(6);
    const sameCode = await sys.gql(token, CREATE_CLIENT, {
      input: clientInput(7, { clientCode: c.clientCode }),
    });
    expect(sameCode.errors?.[0]?.extensions?.code).toBe('CLIENT_CODE_TAKEN');
    const sameNumber = await sys.gql(token, CREATE_CLIENT, {
      input: clientInput(8, { enterpriseNumber: c.enterpriseNumber }),
    });
    expect(sameNumber.errors?.[0]?.extensions?.code).toBe('CLIENT_ENTERPRISE_NUMBER_TAKEN');
    // Another office may use the same code.
    const other = await sys.gql(await sys.token(newOffice()), CREATE_CLIENT, { input: clientInput(6) });
    expect(other.errors).toBeUndefined();
  });

  it('refuses an update based on a stale version instead of merging it', async () => {
    const c = await create(9);
    const first = await sys.gql(token, UPDATE_CLIENT, {
      input: { id: c.id, expectedVersion: 1, email: 'first@example.be' },
    });
    expect(first.errors).toBeUndefined();
    const stale = await sys.gql(token, UPDATE_CLIENT, {
      input: { id: c.id, expectedVersion: 1, phone: '+32 9 123 45 67' },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CLIENT_VERSION_CONFLICT',
      currentVersion: 2,
    });
    expect(await read(c.id)).toMatchObject({ email: 'first@example.be', phone: c.phone, version: 2 });
  });

  it('lets only one of two concurrent edits of the same version win', async () => {
    const c = await create(10);
    const [a, b] = await Promise.all([
      sys.gql(token, UPDATE_CLIENT, { input: { id: c.id, expectedVersion: 1, email: 'a@example.be' } }),
      sys.gql(token, UPDATE_CLIENT, { input: { id: c.id, expectedVersion: 1, email: 'b@example.be' } }),
    ]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CLIENT_VERSION_CONFLICT', 'OK']);
    expect((await read(c.id)).version).toBe(2);
  });

  it.each([
    [{ enterpriseNumber: '0403.170.702' }, 'CLIENT_ENTERPRISE_NUMBER_CHECKSUM_INVALID', 'enterpriseNumber'],
    [{ enterpriseNumber: '12345' }, 'CLIENT_ENTERPRISE_NUMBER_FORMAT_INVALID', 'enterpriseNumber'],
    [{ email: 'not-an-email' }, 'CLIENT_EMAIL_INVALID', 'email'],
    [{ phone: '123' }, 'CLIENT_PHONE_INVALID', 'phone'],
    [{ clientCode: 'has space' }, 'CLIENT_CODE_INVALID', 'clientCode'],
    [{ companyName: '' }, 'CLIENT_COMPANY_NAME_INVALID', 'companyName'],
    [
      { address: { street: 'Rue 1', postalCode: '10000', city: 'Bruxelles', country: 'BE' } },
      'CLIENT_ADDRESS_INVALID',
      'address.postalCode',
    ],
    [
      { address: { street: 'Rue 1', postalCode: '1000', city: 'Bruxelles', country: 'XX' } },
      'CLIENT_ADDRESS_INVALID',
      'address.country',
    ],
  ])('refuses invalid input %j with a typed error and creates nothing', async (overrides, code, field) => {
    const before = (await sys.gql(token, `{ clients { totalCount } }`)).data.clients.totalCount;
    const res = await sys.gql(token, CREATE_CLIENT, { input: clientInput(100, overrides) });
    expect(res.status).toBe(200);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect((await sys.gql(token, `{ clients { totalCount } }`)).data.clients.totalCount).toBe(before);
  });

  it('refuses invalid edits with a typed error and changes nothing', async () => {
    const c = await create(11);
    for (const patch of [{ email: 'x@' }, { phone: 'abc' }, { language: 'XX' }, { clientCode: 'a/b' }]) {
      const res = await sys.gql(token, UPDATE_CLIENT, { input: { id: c.id, expectedVersion: 1, ...patch } });
      expect(res.errors?.[0]?.extensions?.code).toMatch(/INVALID|BAD_USER_INPUT/);
      expect(res.status).toBeLessThan(500);
    }
    expect(await read(c.id)).toMatchObject({
      email: c.email,
      phone: c.phone,
      clientCode: c.clientCode,
      version: 1,
    });
  });

  it('answers malformed ids with a typed error, not a crash', async () => {
    const res = await sys.gql(token, `{ client(id: "not-a-uuid") { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    const upd = await sys.gql(token, UPDATE_CLIENT, {
      input: { id: "'; drop table client; --", expectedVersion: 1, email: 'a@b.be' },
    });
    expect(upd.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
  });
});
