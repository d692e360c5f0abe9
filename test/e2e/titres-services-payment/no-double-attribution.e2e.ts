import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { act, encode, order, setUpCompany } from './titres-fixtures';

/**
 * Concurrent orders and attributions on one wallet never attribute a voucher twice: every
 * prestation's count matches the vouchers that point to it, none is over-paid, and the wallet
 * balance is what was bought minus what was attributed.
 */
describe('titres-services: concurrent orders and attributions', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await sharedSystem();
  });
  afterAll(() => sys?.stop());

  it('never attributes one voucher twice', async () => {
    const c = await setUpCompany(sys, await sys.token(newOffice()));
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const p = await encode(sys, c, 3);
      await act(sys, c.companyToken, 'validatePrestation', { prestationId: p.id });
      ids.push(p.id);
    }
    await order(sys, c.userToken, 2);

    // 8 confirmations (each takes vouchers) race 6 orders of 2 (each serves waiting prestations).
    const results = await Promise.all([
      ...ids.map((prestationId) => act(sys, c.userToken, 'confirmPrestation', { prestationId })),
      ...Array.from({ length: 6 }, () =>
        sys.gql(
          c.userToken,
          `mutation { orderVouchers(input: { quantity: 2 }) { order { id } servedPrestations { id } } }`,
        ),
      ),
    ]);
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);

    const ds = sys.services['titres-services'].dataSource;
    const rows = (await ds.query(
      `SELECT p.id, p.hours, p.vouchers_attributed AS counted, p.state,
         (SELECT count(*)::int FROM voucher v WHERE v.prestation_id = p.id) AS actual
       FROM prestation p WHERE p.voucher_user_id = $1`,
      [c.voucherUserId],
    )) as { id: string; hours: number; counted: number; actual: number; state: string }[];
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r.counted).toBe(r.actual);
      expect(r.actual).toBeLessThanOrEqual(r.hours);
    }
    const attributed = rows.reduce((n, r) => n + r.actual, 0);
    // 14 vouchers bought, 24 needed: every voucher ends up attributed, each to exactly one prestation.
    expect(attributed).toBe(14);
    const [{ total, distinct }] = (await ds.query(
      `SELECT count(*)::int AS total, count(DISTINCT id)::int AS distinct FROM voucher WHERE voucher_user_id = $1`,
      [c.voucherUserId],
    )) as [{ total: number; distinct: number }];
    expect({ total, distinct }).toEqual({ total: 14, distinct: 14 });
    const wallet = await sys.gql(c.userToken, `{ myVoucherWallet { balance } }`);
    expect(wallet.data.myVoucherWallet.balance).toBe(0);
    // History agrees with the counters: the last entry of each prestation carries its count.
    const history = (await ds.query(
      `SELECT DISTINCT ON (h.prestation_id) h.prestation_id AS "prestationId", h.vouchers_attributed AS n FROM prestation_history h
       WHERE h.prestation_id = ANY($1) ORDER BY h.prestation_id, h.id DESC`,
      [ids],
    )) as { prestationId: string; n: number }[];
    expect(history).toHaveLength(8);
    for (const h of history) expect(h.n).toBe(rows.find((r) => r.id === h.prestationId)!.actual);
  });
});
