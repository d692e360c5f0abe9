import { addDays, wallClockOf } from '@fidu/service-kit/domain';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import {
  activate,
  addActiveConnector,
  associate,
  BATCHES,
  createClients,
  csvReferences,
  deliver,
  entries,
  KBC,
  nextIban,
  nodesOf,
} from '../connectors-faq/connectors-helpers';
import { untilConsumersJoined } from '../partner-isolation/warm-up';
import { encode, order, setUpCompany } from '../titres-services-payment/titres-fixtures';
import { firstDayOfNextMonth } from '../../support/business-calendar';

const JOB = `name description schedule { description cron timeZone time } nextRunAt currentPeriod
  runs(first: 10) { totalCount nodes { period status summary } }`;
const LIST = `{ mandatesJobs { ${JOB} } connectorsJobs { ${JOB} } titresServicesJobs { ${JOB} } }`;
const runJob = (field: string) =>
  `mutation($input: RunJobInput!) { ${field}(input: $input) { job period status attempts startedAt finishedAt summary error triggeredBy runFor } }`;
const EXPORT = 'connectors.daily-export';

type GqlResult = Awaited<ReturnType<TestSystem['gql']>>;
const codeOf = (res: GqlResult) => res.errors?.[0]?.extensions?.code;
interface RunPage {
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  nodes: { period: string; startedAt: string }[];
}
/** A fresh consumer group's first events (createClients, activate) are slow on a loaded machine. */
const SLOW = 180_000;

describe('scheduled jobs: operators see and drive every job through the gateway', () => {
  let sys: TestSystem;
  let operator: string;
  const today = wallClockOf(new Date()).date;
  const tomorrow = addDays(today, 1);

  beforeAll(async () => {
    sys = await startSystem();
    operator = await sys.token({ kind: 'operator', userId: 'ops-jobs' });
    await untilConsumersJoined(sys, await sys.token(newOffice()));
  }, SLOW);
  afterAll(() => sys?.stop());

  const run = (field: string, input: Record<string, unknown>) => sys.gql(operator, runJob(field), { input });

  it('lists all five jobs with their schedule and next run', async () => {
    const res = await sys.gql(operator, LIST);
    expect(res.errors).toBeUndefined();
    const jobs = [...res.data.mandatesJobs, ...res.data.connectorsJobs, ...res.data.titresServicesJobs];
    expect(jobs.map((j: { name: string; schedule: { cron: string } }) => [j.name, j.schedule.cron])).toEqual([
      ['mandates.soda-delayed-reminders', '0 7 * * 1'],
      ['mandates.caro-invitations', '0 6 * * *'],
      ['connectors.daily-export', '0 6 * * *'],
      ['titres-services.auto-validate-prestations', '15 0 * * *'],
      ['titres-services.monthly-invoices', '0 3 1 * *'],
    ]);
    for (const job of jobs) {
      expect(job.schedule).toMatchObject({
        timeZone: 'Europe/Brussels',
        description: expect.stringMatching(/\d\d:\d\d/),
      });
      expect(job.description.length).toBeGreaterThan(20);
      expect(Date.parse(job.nextRunAt)).toBeGreaterThan(Date.now());
      expect(Date.parse(job.nextRunAt)).toBeLessThanOrEqual(Date.now() + 32 * 86_400_000);
    }
    expect(res.data.connectorsJobs[0].currentPeriod).toBe(today);
  });

  it('refuses the jobs to anyone but an operator, and runs nothing for them', async () => {
    const office = await sys.token(newOffice());
    const bank = await sys.token(KBC);
    for (const token of [office, bank, null]) {
      const listed = await sys.gql(token, `{ connectorsJobs { name } }`);
      expect(codeOf(listed)).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      const ran = await sys.gql(token, runJob('runMandatesJob'), {
        input: { job: 'mandates.caro-invitations', businessDate: today },
      });
      expect(codeOf(ran)).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    }
    const runs = await sys.services.mandates.dataSource.query(`SELECT 1 FROM job_run`);
    expect(runs).toHaveLength(0);
    expect(codeOf(await run('runConnectorsJob', { job: 'mandates.caro-invitations' }))).toBe('JOB_NOT_FOUND');
    expect(codeOf(await run('runConnectorsJob', { job: EXPORT, businessDate: addDays(today, 40) }))).toBe(
      'JOB_INSTANT_OUT_OF_RANGE',
    );
  });

  it(
    "exports today's late entries with tomorrow's date; the same date twice is refused with its run's summary",
    async () => {
      const office = newOffice();
      const token = await sys.token(office);
      const bank = await sys.token(KBC);
      const [clientId] = await createClients(sys, token, 1);
      const iban = nextIban();
      await activate(sys, office.officeId, clientId!, iban);
      const connectorId = await addActiveConnector(sys, token, 'octopus');
      expect((await associate(sys, token, connectorId, [clientId!])).errors).toBeUndefined();

      const early = entries(2, { bookingDate: today });
      expect((await deliver(sys, bank, iban, early)).errors).toBeUndefined();
      const first = await run('runConnectorsJob', { job: EXPORT, businessDate: today });
      expect(first.errors).toBeUndefined();
      expect(first.data.runConnectorsJob).toMatchObject({
        job: EXPORT,
        period: today,
        status: 'SUCCEEDED',
        attempts: 1,
        triggeredBy: 'ops-jobs',
        summary: `${today}: 1 connector exports, 0 global files, 2 entries`,
      });

      const late = entries(3, { bookingDate: today });
      expect((await deliver(sys, bank, iban, late)).errors).toBeUndefined();
      const again = await run('runConnectorsJob', { job: EXPORT, businessDate: today });
      expect(codeOf(again)).toBe('JOB_ALREADY_RAN');
      expect(again.errors?.[0]?.extensions?.run).toMatchObject({
        period: today,
        status: 'SUCCEEDED',
        summary: first.data.runConnectorsJob.summary,
      });

      const next = await run('runConnectorsJob', { job: EXPORT, businessDate: tomorrow });
      expect(next.data.runConnectorsJob).toMatchObject({ period: tomorrow, status: 'SUCCEEDED' });
      // The office sees both batches, each with exactly its entries.
      const refsOf = async (date: string) => {
        const res = await sys.gql(token, BATCHES, { filter: { businessDate: date }, format: 'CSV' });
        expect(res.errors).toBeUndefined();
        return nodesOf(res.data.exportBatches).flatMap((b: { file: { content: string } }) =>
          csvReferences(b.file.content),
        );
      };
      expect((await refsOf(today)).sort()).toEqual(early.map((e) => e.bankReference).sort());
      expect((await refsOf(tomorrow)).sort()).toEqual(late.map((e) => e.bankReference).sort());
    },
    SLOW,
  );

  it(
    'records a failed run, refuses it again unless the operator re-runs it, and lists runs newest first',
    async () => {
      const office = newOffice();
      const token = await sys.token(office);
      const bank = await sys.token(KBC);
      const [clientId] = await createClients(sys, token, 1);
      const iban = nextIban();
      await activate(sys, office.officeId, clientId!, iban);
      const late = entries(1, { bookingDate: today });
      expect((await deliver(sys, bank, iban, late)).errors).toBeUndefined();
      const date = addDays(today, 2);
      const ds = sys.services.connectors.dataSource;
      // The office's global file cannot be written (as a full disk or a lost table would): the run fails.
      await ds.query(`CREATE FUNCTION e2e_refuse_global_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'global file storage unavailable'; END $$`);
      await ds.query(`CREATE TRIGGER e2e_refuse_global_file BEFORE INSERT ON global_file
      FOR EACH ROW EXECUTE FUNCTION e2e_refuse_global_file()`);
      try {
        const failed = await run('runConnectorsJob', { job: EXPORT, businessDate: date });
        expect(failed.errors).toBeUndefined();
        expect(failed.data.runConnectorsJob).toMatchObject({
          period: date,
          status: 'FAILED',
          summary: null,
          error: expect.stringContaining('global file storage unavailable'),
        });
        const refused = await run('runConnectorsJob', { job: EXPORT, businessDate: date });
        expect(codeOf(refused)).toBe('JOB_ALREADY_RAN');
        expect(refused.errors?.[0]?.extensions?.run).toMatchObject({ status: 'FAILED', attempts: 1 });
      } finally {
        await ds.query(`DROP TRIGGER e2e_refuse_global_file ON global_file`);
        await ds.query(`DROP FUNCTION e2e_refuse_global_file()`);
      }
      const [pending] = await ds.query(
        `SELECT count(*)::int AS n FROM bank_entry WHERE bank_reference = $1 AND global_file_id IS NULL`,
        [late[0]!.bankReference],
      );
      expect(pending.n).toBe(1);

      const rerun = await run('runConnectorsJob', { job: EXPORT, businessDate: date, rerunFailed: true });
      expect(rerun.data.runConnectorsJob).toMatchObject({
        period: date,
        status: 'SUCCEEDED',
        attempts: 2,
        error: null,
      });
      const file = await sys.gql(token, `query($d: Date) { globalFile(businessDate: $d) { entryCount } }`, {
        d: date,
      });
      expect(file.data.globalFile.entryCount).toBe(1);
      const twice = await run('runConnectorsJob', { job: EXPORT, businessDate: date, rerunFailed: true });
      expect(codeOf(twice)).toBe('JOB_ALREADY_RAN');

      // Runs newest first, a page at a time: this date's run (the latest started) opens the list.
      const page = `query($after: String) { connectorsJobs { runs(first: 1, after: $after) {
        totalCount endCursor hasNextPage nodes { period startedAt } } } }`;
      const seen: { period: string; startedAt: string }[] = [];
      let after: string | null = null;
      do {
        const vars: Record<string, unknown> = { after };
        const res = await sys.gql<{ connectorsJobs: { runs: RunPage }[] }>(operator, page, vars);
        expect(res.errors).toBeUndefined();
        const runs: RunPage = res.data!.connectorsJobs[0]!.runs;
        expect(runs.totalCount).toBeGreaterThanOrEqual(1);
        seen.push(...runs.nodes);
        after = runs.hasNextPage ? runs.endCursor : null;
      } while (after);
      expect(seen[0]!.period).toBe(date);
      const starts = seen.map((r) => Date.parse(r.startedAt));
      expect(starts).toEqual([...starts].sort((x, y) => y - x));
      expect(new Set(seen.map((r) => r.period)).size).toBe(seen.length);
    },
    SLOW,
  );

  it('validates a prestation automatically and issues the month’s invoice, for a future instant', async () => {
    const officeToken = await sys.token(newOffice());
    const c = await setUpCompany(sys, officeToken);
    await order(sys, c.userToken, 2);
    const prestation = await encode(sys, c, 2);
    const afterPeriod = addDays(prestation.periodEndsOn, 1);
    const validated = await run('runTitresServicesJob', {
      job: 'titres-services.auto-validate-prestations',
      businessDate: afterPeriod,
    });
    expect(validated.errors).toBeUndefined();
    expect(validated.data.runTitresServicesJob).toMatchObject({
      period: afterPeriod,
      status: 'SUCCEEDED',
      summary: '1 prestation(s) validated automatically',
    });
    const seen = await sys.gql(
      c.companyToken,
      `query($id: ID!) { prestation(id: $id) { state vouchersAttributed autoValidatedAt validationReason } }`,
      { id: prestation.id },
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data.prestation).toMatchObject({
      vouchersAttributed: 2,
      validationReason: `period ended on ${prestation.periodEndsOn}`,
      autoValidatedAt: expect.any(String),
    });

    const remise = await sys.gql(
      c.companyToken,
      `mutation($input: RequestReimbursementInput!) { requestReimbursement(input: $input) { reimbursementRequest { id } } }`,
      { input: { companyId: c.companyId, prestationIds: [prestation.id] } },
    );
    expect(remise.errors).toBeUndefined();
    const invoiced = await run('runTitresServicesJob', {
      job: 'titres-services.monthly-invoices',
      businessDate: firstDayOfNextMonth(today),
    });
    expect(invoiced.errors).toBeUndefined();
    expect(invoiced.data.runTitresServicesJob).toMatchObject({
      period: today.slice(0, 7),
      status: 'SUCCEEDED',
      summary: expect.stringMatching(
        new RegExp(`^[1-9]\\d* invoice\\(s\\) issued for ${today.slice(0, 7)}$`),
      ),
    });
    const list = await sys.gql(c.companyToken, `{ companyInvoices { edges { node { id } } } }`);
    expect(list.data.companyInvoices.edges).toHaveLength(1);
    const opened = await sys.gql(
      c.companyToken,
      `query($id: ID!) { invoice(id: $id) { period status lines { kind quantity amountCents } } }`,
      { id: list.data.companyInvoices.edges[0].node.id },
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data.invoice).toMatchObject({
      period: today.slice(0, 7),
      status: 'ISSUED',
      lines: [{ kind: 'REMISE_FEE', quantity: 2, amountCents: 10 }],
    });
  });
});
