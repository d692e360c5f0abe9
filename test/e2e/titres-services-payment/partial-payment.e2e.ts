import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import {
  act,
  encode,
  exportCsv,
  order,
  read,
  setUpCompany,
  statusInExport,
  type CompanySetup,
} from './titres-fixtures';

const REIMBURSE = `mutation($input: RequestReimbursementInput!) { requestReimbursement(input: $input) {
  reimbursementRequest { id state voucherCount amountCents lines { prestationId voucherCount } }
  prestations { id state exportStatusCode vouchersReimbursementRequested vouchersLeftToRequest } } }`;

/** "Paiement en plusieurs fois": the worked example, priority of partial prestations, expiry order. */
describe('titres-services: payment in several parts', () => {
  let sys: TestSystem;
  let office: string;
  let c: CompanySetup;

  beforeAll(async () => {
    sys = await sharedSystem();
    office = await sys.token(newOffice());
    c = await setUpCompany(sys, office);
  });
  afterAll(() => sys?.stop());

  it('pays in parts: 5 hours, 2 vouchers → 2/5 (16), remise of 2 (17), next orders (18, then 19)', async () => {
    await order(sys, c.userToken, 2);
    const p = await encode(sys, c, 5);
    expect(p).toMatchObject({
      state: 'ENCODED',
      exportStatusCode: 1,
      vouchersNeeded: 5,
      vouchersAttributed: 0,
    });

    // Parallel validation: the user confirms first, then the company validates → vouchers attributed.
    expect(
      (await act(sys, c.userToken, 'confirmPrestation', { prestationId: p.id })).data.confirmPrestation
        .prestation.state,
    ).toBe('CONFIRMED');
    const validated = await act(sys, c.companyToken, 'validatePrestation', { prestationId: p.id });
    expect(validated.errors).toBeUndefined();
    expect(validated.data.validatePrestation.prestation).toMatchObject({
      state: 'PARTIALLY_ATTRIBUTED',
      exportStatusCode: 16,
      exportStatusLabel: 'Partiellement attribuée',
      vouchersAttributed: 2,
      vouchersRemaining: 3,
      vouchersLeftToRequest: 2,
    });
    // Visible to both the company and the user.
    for (const token of [c.companyToken, c.userToken]) {
      expect(await read(sys, token, p.id)).toMatchObject({
        state: 'PARTIALLY_ATTRIBUTED',
        vouchersAttributed: 2,
        vouchersRemaining: 3,
      });
    }
    expect(statusInExport(await exportCsv(sys, c.companyToken, c.companyId), p.id)).toEqual([
      '16',
      'Partiellement attribuée',
    ]);

    // The company asks reimbursement of the 2 attributed vouchers although the prestation is not paid in full.
    const remise = await sys.gql(c.companyToken, REIMBURSE, {
      input: { companyId: c.companyId, prestationIds: [p.id] },
    });
    expect(remise.errors).toBeUndefined();
    expect(remise.data.requestReimbursement.reimbursementRequest).toMatchObject({
      state: 'REQUESTED',
      voucherCount: 2,
      amountCents: 4600,
      lines: [{ prestationId: p.id, voucherCount: 2 }],
    });
    expect(remise.data.requestReimbursement.prestations[0]).toMatchObject({
      state: 'PARTIALLY_REIMBURSED',
      exportStatusCode: 17,
      vouchersReimbursementRequested: 2,
      vouchersLeftToRequest: 0,
    });
    expect(statusInExport(await exportCsv(sys, c.companyToken, c.companyId), p.id)).toEqual([
      '17',
      'Partiellement remboursée',
    ]);
    // Nothing left to request: a second remise is refused and changes nothing.
    const again = await sys.gql(c.companyToken, REIMBURSE, {
      input: { companyId: c.companyId, prestationIds: [p.id] },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('TS_PRESTATION_NOTHING_TO_REIMBURSE');

    // Next order: one voucher → a 3rd of 5 (18); then 4 more → complete (19), 2 left in the wallet.
    const first = await order(sys, c.userToken, 1);
    expect(first.servedPrestations).toEqual([
      { id: p.id, state: 'PARTIALLY_ATTRIBUTED_FURTHER', exportStatusCode: 18, vouchersAttributed: 3 },
    ]);
    expect(first.wallet.balance).toBe(0);
    expect(statusInExport(await exportCsv(sys, c.companyToken, c.companyId), p.id)).toEqual([
      '18',
      'Partiellement attribuée',
    ]);
    const second = await order(sys, c.userToken, 4);
    expect(second.servedPrestations).toEqual([
      { id: p.id, state: 'PARTIALLY_ATTRIBUTED_COMPLETE', exportStatusCode: 19, vouchersAttributed: 5 },
    ]);
    expect(second.wallet.balance).toBe(2);
    expect(statusInExport(await exportCsv(sys, c.companyToken, c.companyId), p.id)).toEqual([
      '19',
      'Partiellement attribuée',
    ]);
    const seen = await read(sys, c.userToken, p.id);
    expect(seen).toMatchObject({
      vouchersRemaining: 0,
      vouchersLeftToRequest: 3,
      vouchersReimbursementRequested: 2,
    });
    expect(seen.history.map((h: { toState: string }) => h.toState)).toEqual([
      'ENCODED',
      'CONFIRMED',
      'PARTIALLY_ATTRIBUTED',
      'PARTIALLY_REIMBURSED',
      'PARTIALLY_ATTRIBUTED_FURTHER',
      'PARTIALLY_ATTRIBUTED_COMPLETE',
    ]);

    // The rest is requested: the prestation is reimbursed in full.
    const rest = await sys.gql(c.companyToken, REIMBURSE, {
      input: { companyId: c.companyId, prestationIds: [p.id] },
    });
    expect(rest.data.requestReimbursement.prestations[0]).toMatchObject({
      state: 'REIMBURSED',
      exportStatusCode: 8,
      vouchersLeftToRequest: 0,
    });
  });

  it('serves partially attributed prestations first, oldest first, then those awaiting vouchers', async () => {
    const u = await setUpCompany(sys, office);
    await order(sys, u.userToken, 1);
    const older = await encode(sys, u, 3);
    await act(sys, u.companyToken, 'validatePrestation', { prestationId: older.id });
    expect(
      (await act(sys, u.userToken, 'confirmPrestation', { prestationId: older.id })).data.confirmPrestation
        .prestation,
    ).toMatchObject({
      state: 'PARTIALLY_ATTRIBUTED',
      vouchersAttributed: 1,
    });
    const waiting = await encode(sys, u, 2);
    await act(sys, u.companyToken, 'validatePrestation', { prestationId: waiting.id });
    expect(
      (await act(sys, u.userToken, 'confirmPrestation', { prestationId: waiting.id })).data.confirmPrestation
        .prestation,
    ).toMatchObject({
      state: 'AWAITING_VOUCHERS',
      exportStatusCode: 6,
      vouchersAttributed: 0,
    });

    const served = await order(sys, u.userToken, 3);
    expect(served.servedPrestations).toEqual([
      { id: older.id, state: 'PARTIALLY_ATTRIBUTED_COMPLETE', exportStatusCode: 19, vouchersAttributed: 3 },
      { id: waiting.id, state: 'PARTIALLY_ATTRIBUTED', exportStatusCode: 16, vouchersAttributed: 1 },
    ]);
    expect(served.wallet.balance).toBe(0);
  });

  it('attributes the vouchers that expire first', async () => {
    const u = await setUpCompany(sys, office);
    await order(sys, u.userToken, 2);
    await order(sys, u.userToken, 2);
    const ds = sys.services['titres-services'].dataSource;
    // Make one voucher of the second order the oldest to expire, and one already expired.
    const [soonest] = (await ds.query(
      `UPDATE voucher SET expires_on = current_date + 10 WHERE id = (SELECT id FROM voucher WHERE voucher_user_id = $1 ORDER BY id DESC LIMIT 1) RETURNING id`,
      [u.voucherUserId],
    )) as [[{ id: string }], number];
    await ds.query(
      `UPDATE voucher SET expires_on = current_date - 1 WHERE id = (SELECT id FROM voucher WHERE voucher_user_id = $1 ORDER BY id LIMIT 1)`,
      [u.voucherUserId],
    );
    const p = await encode(sys, u, 1);
    await act(sys, u.companyToken, 'validatePrestation', { prestationId: p.id });
    await act(sys, u.userToken, 'confirmPrestation', { prestationId: p.id });
    const [picked] = (await ds.query(`SELECT id FROM voucher WHERE prestation_id = $1`, [p.id])) as {
      id: string;
    }[];
    expect(picked!.id).toBe(soonest[0].id);
    const wallet = await sys.gql(u.userToken, `{ myVoucherWallet { balance } }`);
    expect(wallet.data.myVoucherWallet.balance).toBe(2); // 4 bought, 1 expired, 1 attributed
  });
});
