import type { DataSource } from 'typeorm';
import type { Connection } from '@fidu/service-kit';
import { companyListPage, type PageArgs } from './company-list.read-model';

/** A remise as listed: its lines come through a loader. */
export interface ReimbursementRequestView {
  id: string;
  state: string;
  voucherCount: number;
  amountCents: number;
  createdAt: Date;
}

/** A remise's line: the vouchers requested for one prestation. */
export interface ReimbursementLineRow {
  requestId: string;
  prestationId: string;
  voucherCount: number;
}

const COLUMNS = `id, state, voucher_count AS "voucherCount", amount_cents::int AS "amountCents", created_at AS "createdAt"`;

/** A page of the company's remises, newest first. */
export function reimbursementRequestPage(
  ds: DataSource,
  companyId: string,
  args: PageArgs,
): Promise<Connection<ReimbursementRequestView>> {
  return companyListPage(ds, { table: 'reimbursement_request', columns: COLUMNS, companyId }, args);
}

/** The company's latest remises, newest first (the dashboard's few). */
export async function latestReimbursementRequests(
  ds: DataSource,
  companyId: string,
  limit: number,
): Promise<ReimbursementRequestView[]> {
  return (await reimbursementRequestPage(ds, companyId, { first: limit })).edges.map((e) => e.node);
}

/** The lines of several remises (already read in the caller's scope): one statement. */
export function reimbursementLinesOf(
  ds: DataSource,
  requestIds: readonly string[],
): Promise<ReimbursementLineRow[]> {
  return ds.query(
    `SELECT request_id AS "requestId", prestation_id AS "prestationId", voucher_count AS "voucherCount"
     FROM reimbursement_request_line WHERE request_id = ANY($1) ORDER BY prestation_id`,
    [[...requestIds]],
  ) as Promise<ReimbursementLineRow[]>;
}
