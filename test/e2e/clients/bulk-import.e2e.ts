import { randomUUID } from 'node:crypto';
import { eventually } from '../../support/probe';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { clientInput } from '../../support/fixtures';

const IMPORT = `mutation($input: ImportClientsInput!) { importClients(input: $input) { clientImport {
  id status source total processed created refused refusedRows { row clientCode problems { field code } } startedAt finishedAt } } }`;
const PROGRESS = `query($id: ID!) { clientImport(id: $id) { id status total processed created refused } }`;
const FIND = `query($s: String) { clients(filter: { search: $s }, first: 100) { totalCount edges { node { id clientCode companyName } } } }`;

type Refused = { row: number; clientCode: string | null; problems: { field: string; code: string }[] };
const codesOf = (rows: Refused[]) => rows.map((r) => [r.row, r.problems.map((p) => p.code).sort()]);

/** Bulk client import through the gateway (createClient's rules, row by row). */
describe('clients: bulk import', () => {
  let sys: TestSystem;
  let office: string;
  let officeId: string;
  // Codes unique to this run, so searches find only what this test created.
  const tag = `B${randomUUID().slice(0, 6).toUpperCase()}`;
  const code = (n: number) => `${tag}-${n}`;

  beforeAll(async () => {
    sys = await sharedSystem();
    const principal = newOffice();
    officeId = principal.officeId;
    office = await sys.token(principal);
  });
  afterAll(() => sys?.stop());

  const find = async (token: string, search: string) =>
    (await sys.gql(token, FIND, { s: search })).data.clients;

  it('creates the valid rows of a list and reports each refused row with its number and code', async () => {
    const rows = [
      clientInput(101, { clientCode: code(1) }),
      clientInput(102, { clientCode: code(2), email: 'not-an-email' }),
      clientInput(103, { clientCode: code(3), enterpriseNumber: null }),
      clientInput(104, { clientCode: code(4) }),
      clientInput(105, { clientCode: code(4) }), // the same code twice: neither is created
      clientInput(106, { clientCode: code(6), enterpriseNumber: '0200.000.143', phone: '12' }),
      clientInput(107, { clientCode: code(7) }),
      // The same enterprise number on two rows: neither is created.
      clientInput(108, { clientCode: code(8) }),
      clientInput(109, { clientCode: code(9), enterpriseNumber: clientInput(108).enterpriseNumber }),
    ];
    const importId = randomUUID();
    const res = await sys.gql(office, IMPORT, { input: { importId, clients: rows } });
    expect(res.errors).toBeUndefined();
    const imp = res.data.importClients.clientImport;
    expect(imp).toMatchObject({
      id: importId,
      status: 'DONE',
      source: 'LIST',
      total: 9,
      processed: 9,
      created: 3,
      refused: 6,
    });
    expect(codesOf(imp.refusedRows)).toEqual([
      [2, ['CLIENT_EMAIL_INVALID']],
      [4, ['CLIENT_CODE_DUPLICATED_IN_IMPORT']],
      [5, ['CLIENT_CODE_DUPLICATED_IN_IMPORT']],
      [6, ['CLIENT_ENTERPRISE_NUMBER_CHECKSUM_INVALID', 'CLIENT_PHONE_INVALID']],
      [8, ['CLIENT_ENTERPRISE_NUMBER_DUPLICATED_IN_IMPORT']],
      [9, ['CLIENT_ENTERPRISE_NUMBER_DUPLICATED_IN_IMPORT']],
    ]);
    expect(imp.refusedRows[0].clientCode).toBe(code(2));
    // Exactly the valid rows exist, in this office.
    const created = await find(office, tag);
    expect(created.edges.map((e: { node: { clientCode: string } }) => e.node.clientCode).sort()).toEqual(
      [code(1), code(3), code(7)].sort(),
    );
    // The import stays readable with its outcome.
    expect((await sys.gql(office, PROGRESS, { id: importId })).data.clientImport).toMatchObject({
      status: 'DONE',
      total: 9,
      processed: 9,
      created: 3,
      refused: 6,
    });
  });

  it('reads a ;-separated CSV in the documented columns, with the file line of each refused row', async () => {
    const csv = [
      'client_code;company_name;language;enterprise_number;email;phone;street;postal_code;city;country',
      `${code(20)};"Dupont; fils SRL";fr;;info@dupont.be;02 511 11 11;Rue Haute 1;1000;Bruxelles;BE`,
      `${code(21)};Peeters BV;XX;;;;;;;`,
      '',
      `${code(22)};Janssens NV;NL;;;;Kerkstraat 1;10000;Gent;BE`,
      `${code(23)};Martin SA;DE;;martin@example.de;;;;;`,
    ].join('\r\n');
    const res = await sys.gql(office, IMPORT, { input: { csv } });
    expect(res.errors).toBeUndefined();
    const imp = res.data.importClients.clientImport;
    expect(imp).toMatchObject({ status: 'DONE', source: 'CSV', total: 4, created: 2, refused: 2 });
    expect(codesOf(imp.refusedRows)).toEqual([
      [3, ['CLIENT_LANGUAGE_INVALID']],
      [5, ['CLIENT_ADDRESS_INVALID']],
    ]);
    const [dupont] = (await find(office, code(20))).edges;
    expect(dupont.node.companyName).toBe('Dupont; fils SRL');
    expect((await find(office, code(21))).totalCount).toBe(0);

    const bad = await sys.gql(office, IMPORT, { input: { csv: 'code;name\nA;B' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'CLIENT_IMPORT_CSV_INVALID', field: 'csv' });
  });

  it('refuses, row by row, codes that already exist in the office', async () => {
    const again = await sys.gql(office, IMPORT, {
      input: { clients: [clientInput(201, { clientCode: code(3), enterpriseNumber: null })] },
    });
    expect(again.data.importClients.clientImport).toMatchObject({ created: 0, refused: 1 });
    expect(codesOf(again.data.importClients.clientImport.refusedRows)).toEqual([[1, ['CLIENT_CODE_TAKEN']]]);
    expect((await find(office, code(3))).totalCount).toBe(1);
  });

  it('imports into the caller office only, and shows an import to its office only', async () => {
    const other = newOffice();
    const otherToken = await sys.token(other);
    const importId = randomUUID();
    // The same codes are free in another office.
    const res = await sys.gql(otherToken, IMPORT, {
      input: { importId, clients: [clientInput(301, { clientCode: code(3) })] },
    });
    expect(res.data.importClients.clientImport).toMatchObject({ created: 1, refused: 0 });
    expect((await find(office, code(3))).totalCount).toBe(1);
    expect((await find(otherToken, code(3))).totalCount).toBe(1);
    expect((await sys.gql(office, PROGRESS, { id: importId })).data.clientImport).toBeNull();
    // An import id cannot be reused, so a retried request never imports twice.
    const retried = await sys.gql(otherToken, IMPORT, {
      input: { importId, clients: [clientInput(302, { clientCode: code(302) })] },
    });
    expect(retried.errors?.[0]?.extensions?.code).toBe('CLIENT_IMPORT_ALREADY_EXISTS');
    const partner = await sys.token({ kind: 'partner', partnerType: 'BANK', partnerId: randomUUID() });
    expect(
      (await sys.gql(partner, IMPORT, { input: { clients: [clientInput(303)] } })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await sys.gql(office, IMPORT, { input: { clients: [clientInput(304)], csv: 'x' } })).errors?.[0]
        ?.extensions?.code,
    ).toBe('CLIENT_IMPORT_INPUT_INVALID');
  });

  it('takes a large import above the normal body limit, shows its progress, and its clients reach the other services', async () => {
    const n = 400;
    const rows = Array.from({ length: n }, (_, i) =>
      clientInput(1000 + i, { clientCode: code(1000 + i), companyName: `${tag} bulk ${i}` }),
    );
    const body = JSON.stringify({ query: IMPORT, variables: { input: { clients: rows } } });
    expect(body.length).toBeGreaterThan(100_000);
    // Any other operation that big is still refused.
    const tooLarge = await fetch(sys.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${office}` },
      body: JSON.stringify({ query: `{ clients { totalCount } }`, variables: { padding: rows } }),
    });
    expect(tooLarge.status).toBe(413);
    expect(
      ((await tooLarge.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('REQUEST_TOO_LARGE');

    const importId = randomUUID();
    const running = sys.gql(office, IMPORT, { input: { importId, clients: rows } });
    // Progress is readable while the import runs (how far it got depends on the machine).
    const seen = await eventually('the import is visible', async () => {
      const p = (await sys.gql(office, PROGRESS, { id: importId })).data?.clientImport;
      return p ?? undefined;
    });
    expect(seen.total).toBe(n);
    expect(seen.processed).toBeLessThanOrEqual(n);
    const res = await running;
    expect(res.errors).toBeUndefined();
    expect(res.data.importClients.clientImport).toMatchObject({
      status: 'DONE',
      processed: n,
      created: n,
      refused: 0,
    });

    // ClientRegistered events reach the services that keep a copy of the office's clients.
    // The first rows' events are the first in the outbox (published in insertion order).
    const ids: string[] = [];
    for (const i of [0, 1, 2]) ids.push((await find(office, code(1000 + i))).edges[0].node.id);
    for (const service of ['titres-services', 'connectors', 'mandates'] as const) {
      await eventually(
        `${service} knows the imported clients`,
        async () => {
          const known = (await sys.services[service].dataSource.query(
            `SELECT count(*)::int AS n FROM client_directory WHERE office_id = $1 AND client_id = ANY($2::uuid[])`,
            [officeId, ids],
          )) as { n: number }[];
          return known[0]!.n === 3;
        },
        // Generous: a fresh consumer group reads the topic from its start, one transaction per event.
        240_000,
      );
    }
  }, 300_000);
});
