import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import {
  YESTERDAY,
  act,
  encode,
  order,
  setUpCompany,
  type CompanySetup,
} from '../titres-services-payment/titres-fixtures';
import { untilConsumersJoined } from './warm-up';

const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  res.errors?.[0]?.extensions?.code;

/** A business day a few weeks ahead (a weekday, away from holidays), for pickups. */
function nextBusinessDay(): string {
  const d = new Date(Date.now() + 21 * 86_400_000);
  while ([0, 6].includes(d.getUTCDay())) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Partner isolation for titres-services: an approved company acts only on its own data and a voucher
 * user only on their own prestations. Each mutation is tried by another company (or user) of the
 * same office against company A's data: refused with a not-found code that reveals nothing, and
 * company A's data is the same afterwards.
 */
describe('partners: companies and voucher users act only on their own data', () => {
  let sys: TestSystem;
  let a: CompanySetup;
  let b: CompanySetup;
  let prestationId: string;
  let directDebitId: string;

  /** Everything of company A a refused request could have touched. */
  const dataOfA = async () => {
    const q = (sql: string) => sys.services['titres-services'].dataSource.query(sql, [a.companyId]);
    return {
      company: await q(`SELECT * FROM approved_company WHERE id = $1`),
      workers: await q(`SELECT id FROM worker WHERE company_id = $1 ORDER BY id`),
      users: await q(`SELECT id FROM voucher_user WHERE registered_by_company_id = $1 ORDER BY id`),
      prestations: await q(`SELECT * FROM prestation WHERE company_id = $1 ORDER BY id`),
      history: await q(
        `SELECT count(*)::int AS n FROM prestation_history WHERE prestation_id IN (SELECT id FROM prestation WHERE company_id = $1)`,
      ),
      reimbursements: await q(`SELECT count(*)::int AS n FROM reimbursement_request WHERE company_id = $1`),
      pickups: await q(`SELECT count(*)::int AS n FROM paper_voucher_pickup WHERE company_id = $1`),
      directDebits: await q(`SELECT * FROM direct_debit_request WHERE company_id = $1 ORDER BY id`),
      wallet: await q(
        `SELECT id, prestation_id FROM voucher
          WHERE voucher_user_id IN (SELECT id FROM voucher_user WHERE registered_by_company_id = $1) ORDER BY id`,
      ),
    };
  };

  beforeAll(async () => {
    sys = await sharedSystem();
    const office = await sys.token(newOffice());
    await untilConsumersJoined(sys, office);
    a = await setUpCompany(sys, office);
    b = await setUpCompany(sys, office);
    prestationId = (await encode(sys, a, 2)).id;
    // A's user has vouchers; the prestation is agreed by both and paid, so it could be reimbursed.
    await order(sys, a.userToken, 5);
    const paid = (await encode(sys, a, 1)).id;
    expect((await act(sys, a.userToken, 'confirmPrestation', { prestationId: paid })).errors).toBeUndefined();
    expect(
      (await act(sys, a.companyToken, 'validatePrestation', { prestationId: paid })).errors,
    ).toBeUndefined();
    const dd = await sys.gql(
      a.companyToken,
      `mutation($input: RequestDirectDebitInput!) { requestDirectDebit(input: $input) { directDebitRequest { id } } }`,
      { input: { companyId: a.companyId, iban: 'BE68 5390 0754 7034', accountHolder: 'Propre SRL' } },
    );
    expect(dd.errors).toBeUndefined();
    directDebitId = dd.data.requestDirectDebit.directDebitRequest.id;
  }, 300_000);
  afterAll(() => sys?.stop());

  /** [mutation, input type, payload selection, input, expected code] as company B against A. */
  const byOtherCompany = (): [string, string, string, Record<string, unknown>, string][] => [
    [
      'addWorker',
      'AddWorkerInput',
      'worker { id }',
      { companyId: a.companyId, firstName: 'Eve', lastName: 'Intrus' },
      'TS_COMPANY_NOT_FOUND',
    ],
    [
      'registerVoucherUser',
      'RegisterVoucherUserInput',
      'voucherUser { id }',
      { companyId: a.companyId, firstName: 'Eve', lastName: 'Intrus', email: 'eve.intrus@example.be' },
      'TS_COMPANY_NOT_FOUND',
    ],
    [
      'encodePrestation',
      'EncodePrestationInput',
      'prestation { id }',
      {
        companyId: a.companyId,
        workerId: a.workerId,
        voucherUserId: a.voucherUserId,
        performedOn: YESTERDAY,
        hours: 1,
        activity: 'CLEANING',
        encodedBy: 'COMPANY',
      },
      'TS_COMPANY_NOT_FOUND',
    ],
    [
      'encodePrestation',
      'EncodePrestationInput',
      'prestation { id }',
      {
        companyId: b.companyId,
        workerId: a.workerId,
        voucherUserId: a.voucherUserId,
        performedOn: YESTERDAY,
        hours: 1,
        activity: 'CLEANING',
        encodedBy: 'COMPANY',
      },
      'TS_WORKER_NOT_FOUND',
    ],
    [
      'validatePrestation',
      'ValidatePrestationInput',
      'prestation { id }',
      { prestationId },
      'TS_PRESTATION_NOT_FOUND',
    ],
    [
      'correctPrestation',
      'CorrectPrestationInput',
      'prestation { id }',
      { prestationId, correction: { hours: 8 } },
      'TS_PRESTATION_NOT_FOUND',
    ],
    [
      'cancelPrestation',
      'CancelPrestationInput',
      'prestation { id }',
      { prestationId },
      'TS_PRESTATION_NOT_FOUND',
    ],
    [
      'requestReimbursement',
      'RequestReimbursementInput',
      'reimbursementRequest { id }',
      { companyId: a.companyId, prestationIds: [prestationId] },
      'TS_PRESTATION_NOT_FOUND',
    ],
    [
      'requestReimbursement',
      'RequestReimbursementInput',
      'reimbursementRequest { id }',
      { companyId: b.companyId, prestationIds: [prestationId] },
      'TS_PRESTATION_NOT_FOUND',
    ],
    [
      'requestPaperVoucherPickup',
      'RequestPaperVoucherPickupInput',
      'pickup { id }',
      { companyId: a.companyId, pickupOn: nextBusinessDay(), envelopeCount: 1, voucherCount: 10 },
      'TS_COMPANY_NOT_FOUND',
    ],
    [
      'updateFinancialContact',
      'UpdateFinancialContactInput',
      'approvedCompany { id }',
      { companyId: a.companyId, name: 'Eve Intrus', email: 'eve@example.be' },
      'TS_COMPANY_NOT_FOUND',
    ],
    [
      'requestDirectDebit',
      'RequestDirectDebitInput',
      'directDebitRequest { id }',
      { companyId: a.companyId, iban: 'BE71 0961 2345 6769', accountHolder: 'Eve Intrus' },
      'TS_COMPANY_NOT_FOUND',
    ],
    [
      'cancelDirectDebitRequest',
      'CancelDirectDebitRequestInput',
      'directDebitRequest { id }',
      { requestId: directDebitId },
      'TS_DIRECT_DEBIT_NOT_FOUND',
    ],
    [
      'exportPrestations',
      'ExportPrestationsInput',
      'expiresAt',
      { companyId: a.companyId },
      'TS_COMPANY_NOT_FOUND',
    ],
  ];

  it("refuses every company-side mutation of another company on company A's data, and changes nothing", async () => {
    const before = await dataOfA();
    for (const [mutation, inputType, selection, input, code] of byOtherCompany()) {
      const res = await sys.gql(
        b.companyToken,
        `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${selection} } }`,
        { input },
      );
      expect({ mutation, code: codeOf(res) }).toEqual({ mutation, code });
    }
    expect(await dataOfA()).toEqual(before);
  });

  it("refuses another voucher user's confirm or contest of A's user's prestation, and changes nothing", async () => {
    const before = await dataOfA();
    expect(codeOf(await act(sys, b.userToken, 'confirmPrestation', { prestationId }))).toBe(
      'TS_PRESTATION_NOT_FOUND',
    );
    expect(
      codeOf(await act(sys, b.userToken, 'contestPrestation', { prestationId, reason: 'Pas fait' })),
    ).toBe('TS_PRESTATION_NOT_FOUND');
    // orderVouchers names no one: it always credits the caller's own wallet, never A's user's.
    await order(sys, b.userToken, 3);
    expect(await dataOfA()).toEqual(before);
  });
});
