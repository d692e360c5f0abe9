import type { DataSource } from 'typeorm';
import type { Connection } from '@fidu/service-kit';
import { companyListPage, type PageArgs } from './company-list.read-model';

/** A paper-voucher pickup (enlèvement) as listed. */
export interface PickupView {
  id: string;
  pickupOn: string;
  envelopeCount: number;
  voucherCount: number;
  state: string;
  createdAt: Date;
}

const COLUMNS = `id, to_char(pickup_on, 'YYYY-MM-DD') AS "pickupOn", envelope_count AS "envelopeCount",
  voucher_count AS "voucherCount", state, created_at AS "createdAt"`;

/** A page of the company's pickups, newest first. */
export function pickupPage(
  ds: DataSource,
  companyId: string,
  args: PageArgs,
): Promise<Connection<PickupView>> {
  return companyListPage(ds, { table: 'paper_voucher_pickup', columns: COLUMNS, companyId }, args);
}

/** The company's latest pickups, newest first (the dashboard's few). */
export async function latestPickups(ds: DataSource, companyId: string, limit: number): Promise<PickupView[]> {
  return (await pickupPage(ds, companyId, { first: limit })).edges.map((e) => e.node);
}
