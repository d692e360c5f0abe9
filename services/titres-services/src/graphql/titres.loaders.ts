import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

/** A worker or voucher user as shown on a prestation. */
export interface PersonRow {
  id: string;
  firstName: string;
  lastName: string;
}

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

export interface InvoiceLineRow {
  invoiceId: string;
  kind: string;
  description: string;
  quantity: number;
  unitCents: string;
  amountCents: string;
  occurredOn: string;
}

function grouped<T>(keys: readonly string[], rows: T[], keyOf: (r: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * Per-request loaders of what hangs off prestations, remises and invoices. Their keys come from
 * rows already read within the caller's scope, so they need no scope of their own: one
 * statement per kind of thing, however many items a page holds.
 */
export function createTitresLoaders(ds: DataSource) {
  return {
    workerById: new DataLoader<string, PersonRow | null>(async (ids) => {
      const rows = (await ds.query(
        `SELECT id, first_name AS "firstName", last_name AS "lastName" FROM worker WHERE id = ANY($1)`,
        [[...ids]],
      )) as PersonRow[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    voucherUserById: new DataLoader<string, PersonRow | null>(async (ids) => {
      const rows = (await ds.query(
        `SELECT id, first_name AS "firstName", last_name AS "lastName" FROM voucher_user WHERE id = ANY($1)`,
        [[...ids]],
      )) as PersonRow[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    historyByPrestationId: new DataLoader<string, HistoryRow[]>(async (ids) => {
      const rows = (await ds.query(
        `SELECT prestation_id AS "prestationId", from_state AS "fromState", to_state AS "toState", action, actor, reason,
           vouchers_attributed AS "vouchersAttributed", vouchers_reimbursement_requested AS "vouchersReimbursementRequested", at
         FROM prestation_history WHERE prestation_id = ANY($1) ORDER BY id`,
        [[...ids]],
      )) as HistoryRow[];
      return grouped(ids, rows, (r) => r.prestationId);
    }),
    remiseLinesByRequestId: new DataLoader<
      string,
      { requestId: string; prestationId: string; voucherCount: number }[]
    >(async (ids) => {
      const rows = (await ds.query(
        `SELECT request_id AS "requestId", prestation_id AS "prestationId", voucher_count AS "voucherCount"
         FROM reimbursement_request_line WHERE request_id = ANY($1) ORDER BY prestation_id`,
        [[...ids]],
      )) as { requestId: string; prestationId: string; voucherCount: number }[];
      return grouped(ids, rows, (r) => r.requestId);
    }),
    invoiceLinesByInvoiceId: new DataLoader<string, InvoiceLineRow[]>(async (ids) => {
      const rows = (await ds.query(
        `SELECT invoice_id AS "invoiceId", kind, description, quantity, unit_cents AS "unitCents", amount_cents AS "amountCents",
           to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn"
         FROM billing_line WHERE invoice_id = ANY($1) ORDER BY occurred_on, kind, id`,
        [[...ids]],
      )) as InvoiceLineRow[];
      return grouped(ids, rows, (r) => r.invoiceId);
    }),
  };
}

export type TitresLoaders = ReturnType<typeof createTitresLoaders>;
