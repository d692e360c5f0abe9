import type { DataSource } from 'typeorm';
import { wallClockOf } from '@fidu/service-kit';

/** An order of vouchers (paid outside this platform). */
export interface VoucherOrderView {
  id: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  expiresOn: string;
  createdAt: Date;
}

/** A voucher user's wallet: available vouchers by expiry and the last orders. */
export interface WalletView {
  voucherUserId: string;
  balance: number;
  vouchersByExpiry: { expiresOn: string; count: number }[];
  orders: VoucherOrderView[];
}

/** The wallet of a voucher user: balance, expiry groups (soonest first) and the last 20 orders. */
export async function walletOf(ds: DataSource, voucherUserId: string): Promise<WalletView> {
  const today = wallClockOf(new Date()).date; // vouchers expire at the end of a Brussels day
  const groups = (await ds.query(
    `SELECT to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", count(*)::int AS count FROM voucher
     WHERE voucher_user_id = $1 AND prestation_id IS NULL AND expires_on >= $2::date GROUP BY expires_on ORDER BY expires_on`,
    [voucherUserId, today],
  )) as WalletView['vouchersByExpiry'];
  const orders = (await ds.query(
    `SELECT id, quantity, unit_price_cents AS "unitPriceCents", total_cents AS "totalCents",
       to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", created_at AS "createdAt"
     FROM voucher_order WHERE voucher_user_id = $1 ORDER BY created_at DESC, id LIMIT 20`,
    [voucherUserId],
  )) as WalletView['orders'];
  return {
    voucherUserId,
    balance: groups.reduce((n, g) => n + g.count, 0),
    vouchersByExpiry: groups,
    orders,
  };
}
