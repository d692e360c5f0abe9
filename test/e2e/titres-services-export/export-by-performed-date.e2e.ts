import { businessDay } from '../../support/business-calendar';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { untilConsumersJoined } from '../partner-isolation/warm-up';
import { setUpCompany, YESTERDAY, type CompanySetup } from '../titres-services-payment/titres-fixtures';

const EXPORT = `mutation($input: ExportPrestationsInput!) { exportPrestations(input: $input) { downloadUrl content } }`;
/** Counted in Brussels days, as the service dates an encoding. */
const daysAgo = (n: number) => businessDay(-n);

/** An office exports the work done in a period, whenever it was encoded. */
describe('titres-services: export by the date the work was done', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await sharedSystem();
    await untilConsumersJoined(sys, await sys.token(newOffice()));
  }, 300_000);
  afterAll(() => sys?.stop());

  async function encodeOn(c: CompanySetup, performedOn: string): Promise<string> {
    const res = await sys.gql(
      c.companyToken,
      `mutation($input: EncodePrestationInput!) { encodePrestation(input: $input) { prestation { id } } }`,
      {
        input: {
          companyId: c.companyId,
          workerId: c.workerId,
          voucherUserId: c.voucherUserId,
          performedOn,
          hours: 2,
          activity: 'CLEANING',
          encodedBy: 'WORKER',
        },
      },
    );
    expect(res.errors).toBeUndefined();
    return res.data.encodePrestation.prestation.id;
  }

  /** Prestation ids in an export, checking the streamed file says the same as `content`. */
  async function exported(token: string, input: Record<string, unknown>): Promise<string[]> {
    const res = await sys.gql(token, EXPORT, { input });
    expect(res.errors).toBeUndefined();
    const { content, downloadUrl } = res.data.exportPrestations;
    const file = await fetch(downloadUrl);
    expect(await file.text()).toBe(content);
    return (content as string)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(';')[0]!)
      .sort();
  }

  it('filters on performedOn when asked, on the encoding date as before otherwise', async () => {
    const officeToken = await sys.token(newOffice());
    const c = await setUpCompany(sys, officeToken);
    const earlier = await encodeOn(c, daysAgo(20));
    const recent = await encodeOn(c, YESTERDAY);

    expect(
      await exported(officeToken, {
        companyId: c.companyId,
        performedFrom: YESTERDAY,
        performedTo: YESTERDAY,
      }),
    ).toEqual([recent]);
    expect(
      await exported(c.companyToken, {
        companyId: c.companyId,
        performedFrom: daysAgo(30),
        performedTo: daysAgo(10),
      }),
    ).toEqual([earlier]);
    // Both were encoded today: the encoding-date filter alone keeps both, as it always did.
    const today = daysAgo(0);
    expect(await exported(officeToken, { companyId: c.companyId, from: daysAgo(1), to: today })).toEqual(
      [earlier, recent].sort(),
    );
    expect(
      await exported(officeToken, { companyId: c.companyId, from: daysAgo(1), performedTo: daysAgo(10) }),
    ).toEqual([earlier]);

    const backwards = await sys.gql(officeToken, EXPORT, {
      input: { companyId: c.companyId, performedFrom: YESTERDAY, performedTo: daysAgo(20) },
    });
    expect(backwards.errors?.[0]?.extensions?.code).toBe('TS_EXPORT_RANGE_INVALID');
  });
});
