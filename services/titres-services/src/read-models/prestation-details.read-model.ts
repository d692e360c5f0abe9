import type { DataSource } from 'typeorm';

/** A worker or voucher user as shown on a prestation. */
export interface PersonRow {
  id: string;
  firstName: string;
  lastName: string;
}

/** One entry of a prestation's history. */
export interface HistoryRow {
  prestationId: string;
  fromState: string | null;
  toState: string;
  action: string;
  actor: string;
  reason: string | null;
  vouchersAttributed: number;
  vouchersReimbursementRequested: number;
  at: Date;
}

/**
 * What hangs off prestations the caller already read in scope, so these need no scope of their
 * own: one statement per kind of thing, however many prestations a page holds.
 */
export function workersByIds(ds: DataSource, ids: readonly string[]): Promise<PersonRow[]> {
  return ds.query(
    `SELECT id, first_name AS "firstName", last_name AS "lastName" FROM worker WHERE id = ANY($1)`,
    [[...ids]],
  ) as Promise<PersonRow[]>;
}

export function voucherUsersByIds(ds: DataSource, ids: readonly string[]): Promise<PersonRow[]> {
  return ds.query(
    `SELECT id, first_name AS "firstName", last_name AS "lastName" FROM voucher_user WHERE id = ANY($1)`,
    [[...ids]],
  ) as Promise<PersonRow[]>;
}

/** The history of several prestations, oldest first. */
export function historyOf(ds: DataSource, prestationIds: readonly string[]): Promise<HistoryRow[]> {
  return ds.query(
    `SELECT prestation_id AS "prestationId", from_state AS "fromState", to_state AS "toState", action, actor, reason,
       vouchers_attributed AS "vouchersAttributed", vouchers_reimbursement_requested AS "vouchersReimbursementRequested", at
     FROM prestation_history WHERE prestation_id = ANY($1) ORDER BY id`,
    [[...prestationIds]],
  ) as Promise<HistoryRow[]>;
}
