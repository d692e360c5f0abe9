import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError, wallClockOf } from '@fidu/service-kit';
import { PRESTATION_COLUMNS, type PrestationRow } from '../db/prestation.mapping';
import { PARTIALLY_PAID_STATES } from '../domain/prestation-states';
import { voucherUserNotFound } from '../domain/titres.errors';
import type { VoucherOrderView } from '../read-models/wallet.read-model';
import { transitionPrestation } from './prestation-transition';

/** What a user pays per voucher (cents). Illustrative: the regional price of an electronic titre-service. */
export const VOUCHER_PRICE_CENTS = 900;
/** Electronic titres-services are valid 12 months from issue. */
export const VOUCHER_VALIDITY_MONTHS = 12;

export interface VoucherOrderResult {
  order: VoucherOrderView;
  /** Prestations that received vouchers from this order, in the order they were served. */
  served: PrestationRow[];
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, d));
  return t.toISOString().slice(0, 10);
}

/**
 * A voucher user buys vouchers (paid at once: payment is outside this platform). The new
 * vouchers land in the wallet, and then serve waiting prestations: partially attributed ones
 * first (oldest first), then those still awaiting vouchers (oldest first). The wallet lock makes
 * concurrent orders and attributions take turns, so a voucher is never attributed twice.
 */
export async function orderVouchers(
  ds: DataSource,
  voucherUserId: string,
  quantity: number,
  actor: string,
  now = new Date(),
  correlationId?: string,
): Promise<VoucherOrderResult> {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 500) {
    throw new DomainError(
      'TS_ORDER_QUANTITY_INVALID',
      'quantity must be a whole number from 1 to 500.',
      'quantity',
    );
  }
  return ds.transaction(async (em) => {
    // FOR UPDATE: the wallet lock (see lockWallet), held until commit.
    const [user] = (await em.query(
      `SELECT id, office_id AS "officeId" FROM voucher_user WHERE id = $1 FOR UPDATE`,
      [voucherUserId],
    )) as { id: string; officeId: string }[];
    if (!user) throw voucherUserNotFound();
    const id = randomUUID();
    const expiresOn = addMonths(wallClockOf(now).date, VOUCHER_VALIDITY_MONTHS);
    await em.query(
      `INSERT INTO voucher_order (id, office_id, voucher_user_id, quantity, unit_price_cents, total_cents, expires_on, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        user.officeId,
        voucherUserId,
        quantity,
        VOUCHER_PRICE_CENTS,
        quantity * VOUCHER_PRICE_CENTS,
        expiresOn,
        now,
      ],
    );
    await em.query(
      `INSERT INTO voucher (id, office_id, voucher_user_id, order_id, expires_on)
       SELECT gen_random_uuid(), $1, $2, $3, $4 FROM generate_series(1, $5)`,
      [user.officeId, voucherUserId, id, expiresOn, quantity],
    );
    // Lock every waiting prestation in id order (the order every multi-row lock uses), serve by age.
    const waiting = (await em.query(
      `SELECT ${PRESTATION_COLUMNS} FROM prestation p
       WHERE p.voucher_user_id = $1 AND p.state = ANY($2) ORDER BY p.id FOR UPDATE`,
      [voucherUserId, [...PARTIALLY_PAID_STATES, 'AWAITING_VOUCHERS']],
    )) as PrestationRow[];
    const partialFirst = (p: PrestationRow) => (p.state === 'AWAITING_VOUCHERS' ? 1 : 0);
    waiting.sort(
      (a, b) =>
        partialFirst(a) - partialFirst(b) ||
        a.performedOn.localeCompare(b.performedOn) ||
        a.createdAt.getTime() - b.createdAt.getTime(),
    );
    const served: PrestationRow[] = [];
    // The wallet is locked: what it holds now is exactly what this loop may hand out.
    const [{ available }] = (await em.query(
      `SELECT count(*)::int AS available FROM voucher WHERE voucher_user_id = $1 AND prestation_id IS NULL AND expires_on >= $2::date`,
      [voucherUserId, wallClockOf(now).date],
    )) as [{ available: number }];
    let left = available;
    for (const p of waiting) {
      if (left <= 0) break;
      const next = await transitionPrestation(em, p, { action: 'ATTRIBUTE', actor, now, correlationId });
      left -= next.vouchersAttributed - p.vouchersAttributed;
      served.push(next);
    }
    return {
      order: {
        id,
        quantity,
        unitPriceCents: VOUCHER_PRICE_CENTS,
        totalCents: quantity * VOUCHER_PRICE_CENTS,
        expiresOn,
        createdAt: now,
      },
      served,
    };
  });
}
