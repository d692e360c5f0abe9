import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { sharedSystem, newOffice, type GraphQLResult, type TestSystem } from '../../support/system';

const IMPOSSIBLE_DATES = ['2024-02-30', '2024-13-45', '0000-00-00', '2024-02-29T00:00:00Z', ''];
const NOT_A_DATE_CODES = ['INVALID_DATE', 'GRAPHQL_VALIDATION_FAILED'];
const GLOBAL_FILE = `query($d: Date) { globalFile(businessDate: $d) { id } }`;
const BATCHES = `query($d: Date) { exportBatches(filter: { businessDate: $d }) { edges { node { id } } } }`;
const DOSSIER = `query($from: Date!, $to: Date!) { dossierFile(input: { clientId: "${crypto.randomUUID()}", from: $from, to: $to }) { fileName } }`;
const RUN_JOB = `mutation($at: DateTime!) { runCaroInvitationsJob(input: { at: $at }) { status period } }`;
const COUNT = `{ clients { totalCount } }`;

/** A typed refusal: a 4xx or a 200 with errors, never a 500, never INTERNAL_SERVER_ERROR. */
function refusedWith(res: GraphQLResult, codes: string[]): void {
  expect(res.status).toBeLessThan(500);
  expect(res.errors?.length).toBeGreaterThan(0);
  expect(codes).toContain(res.errors![0]!.extensions?.code);
}

/** Input that used to reach Postgres (or real data) unchecked: dates, NUL, surrogates, huge text, far instants. */
describe('hostile inputs: dates, text, job instants and echoed input', () => {
  let sys: TestSystem;
  let office: string;

  beforeAll(async () => {
    // The worker's federation: this file keeps to an office of its own, and the job check below
    // compares the job runs before and after (others' runs may already be there).
    sys = await sharedSystem();
    office = await sys.token(newOffice());
  }, 120_000);
  afterAll(() => sys?.stop());

  it('refuses impossible dates and objects in date arguments with INVALID_DATE, as variables and literals', async () => {
    for (const d of IMPOSSIBLE_DATES) {
      refusedWith(await sys.gql(office, GLOBAL_FILE, { d }), ['INVALID_DATE']);
      refusedWith(await sys.gql(office, BATCHES, { d }), ['INVALID_DATE']);
      refusedWith(await sys.gql(office, DOSSIER, { from: d, to: '2024-03-01' }), ['INVALID_DATE']);
      refusedWith(await sys.gql(office, `{ globalFile(businessDate: "${d}") { id } }`), NOT_A_DATE_CODES);
    }
    for (const notADate of [{ year: 2024 }, ['2024-01-01'], 20240101, true])
      refusedWith(await sys.gql(office, GLOBAL_FILE, { d: notADate }), ['INVALID_DATE']);
    refusedWith(
      await sys.gql(office, `{ globalFile(businessDate: { year: 2024 }) { id } }`),
      NOT_A_DATE_CODES,
    );
    // A real date still works (and a leap day).
    const ok = await sys.gql(office, GLOBAL_FILE, { d: '2024-02-29' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.globalFile).toBeNull();
  });

  it('checks every subgraph date input the same way (mandates, titres-services)', async () => {
    refusedWith(
      await sys.gql(
        office,
        `mutation($d: Date!) { reportCaroDocument(input: { caroOrderId: "${crypto.randomUUID()}", documentDate: $d }) { caroOrder { id } } }`,
        {
          d: '2024-02-30',
        },
      ),
      ['INVALID_DATE'],
    );
    refusedWith(
      await sys.gql(
        office,
        `mutation($d: Date) { exportPrestations(input: { companyId: "${crypto.randomUUID()}", from: $d }) { downloadUrl } }`,
        {
          d: '2024-13-45',
        },
      ),
      ['INVALID_DATE'],
    );
  });

  it('refuses NUL and lone surrogates in any text input with INVALID_TEXT and changes nothing', async () => {
    const search = `query($s: String) { clients(filter: { search: $s }) { totalCount } }`;
    refusedWith(await sys.gql(office, search, { s: 'Dup\u0000ont' }), ['INVALID_TEXT']);
    refusedWith(await sys.gql(office, search, { s: 'Dup\ud800ont' }), ['INVALID_TEXT']);
    refusedWith(await sys.gql(office, `{ clients(filter: { search: "a\\u0000b" }) { totalCount } }`), [
      'INVALID_TEXT',
    ]);
    for (const companyName of ['Boulangerie\u0000Dupont', 'Boulangerie \udc00'])
      refusedWith(await sys.gql(office, CREATE_CLIENT, { input: clientInput(901, { companyName }) }), [
        'INVALID_TEXT',
      ]);
    refusedWith(
      await sys.gql(office, CREATE_CLIENT, {
        input: clientInput(902, {
          address: { street: 'Rue\u0000 1', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
        }),
      }),
      ['INVALID_TEXT'],
    );
    expect((await sys.gql(office, COUNT)).data.clients.totalCount).toBe(0);
  });

  it('applies the same text rule inside each subgraph, for callers that reach it directly', async () => {
    const res = await fetch(sys.subgraphUrls.clients, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-fidu-principal': await sys.principalHeader(newOffice()),
      },
      body: JSON.stringify({
        query: `query($s: String) { clients(filter: { search: $s }) { totalCount } }`,
        variables: { s: '\u0000' },
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as GraphQLResult).errors?.[0]?.extensions?.code).toBe('INVALID_TEXT');
  });

  it('refuses an operator job run for the year 9999 (or long past) and runs nothing', async () => {
    const operator = await sys.token({ kind: 'operator', userId: 'support-hostile' });
    // Every job's runs, attempts included: a refused instant must neither add one nor re-attempt one.
    const jobRuns = () =>
      sys.services.mandates.dataSource.query(
        `SELECT job, period, status, attempts, started_at FROM job_run ORDER BY job, period`,
      );
    const before = await jobRuns();
    for (const at of [
      '9999-12-31T23:59:59Z',
      '1970-01-01T00:00:00Z',
      new Date(Date.now() + 40 * 86_400_000).toISOString(),
    ])
      refusedWith(await sys.gql(operator, RUN_JOB, { at }), ['CARO_JOB_INSTANT_OUT_OF_RANGE']);
    refusedWith(await sys.gql(operator, RUN_JOB, { at: '2024-02-30T06:00:00Z' }), ['INVALID_DATE_TIME']);
    expect(await jobRuns()).toEqual(before);
    // Within the window it is still accepted: it runs, or finds today's period already run (an
    // earlier file in this worker, or the service's own 06:00 run).
    const now = await sys.gql(operator, RUN_JOB, { at: new Date().toISOString() });
    expect(now.errors).toBeUndefined();
    expect(['RAN', 'ALREADY_RAN']).toContain(now.data.runCaroInvitationsJob.status);
  });

  it('never echoes more than a short prefix of a 95 KB input in an error message', async () => {
    const huge = `${'x'.repeat(95_000)}@example.be`;
    const answers = [
      await sys.gql(office, CREATE_CLIENT, { input: clientInput(903, { email: huge }) }),
      await sys.gql(office, CREATE_CLIENT, { input: clientInput(904, { phone: huge }) }),
      await sys.gql(office, `query($n: Int) { clients(first: $n) { totalCount } }`, { n: huge }),
      await sys.gql(office, GLOBAL_FILE, { d: huge }),
      await sys.gql(
        office,
        `query($s: ExportBatchStatus) { exportBatches(filter: { status: $s }) { edges { node { id } } } }`,
        {
          s: huge,
        },
      ),
    ];
    for (const res of answers) {
      expect(res.status).toBeLessThan(500);
      expect(res.errors?.length).toBeGreaterThan(0);
      const text = JSON.stringify(res.errors);
      expect(text.length).toBeLessThan(2_000);
      expect(text).not.toContain('x'.repeat(100));
    }
    expect((await sys.gql(office, COUNT)).data.clients.totalCount).toBe(0);
  });
});
