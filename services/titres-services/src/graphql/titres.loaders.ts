import DataLoader from 'dataloader';
import { invoiceLinesOf, type InvoiceLineRow } from '../read-models/invoice.read-model';
import {
  historyOf,
  voucherUsersByIds,
  workersByIds,
  type HistoryRow,
  type PersonRow,
} from '../read-models/prestation-details.read-model';
import {
  reimbursementLinesOf,
  type ReimbursementLineRow,
} from '../read-models/reimbursement-request.read-model';

/** The database the read models read (typeorm's DataSource; graphql/ names no driver). */
type DataSource = Parameters<typeof historyOf>[0];

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

function byId<T extends { id: string }>(keys: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((r) => [r.id, r]));
  return keys.map((k) => found.get(k) ?? null);
}

/**
 * Per-request loaders of what hangs off prestations, remises and invoices. Their keys come from
 * rows already read within the caller's scope, so they need no scope of their own: one
 * statement per kind of thing, however many items a page holds.
 */
export function createTitresLoaders(ds: DataSource) {
  return {
    workerById: new DataLoader<string, PersonRow | null>(async (ids) =>
      byId(ids, await workersByIds(ds, ids)),
    ),
    voucherUserById: new DataLoader<string, PersonRow | null>(async (ids) =>
      byId(ids, await voucherUsersByIds(ds, ids)),
    ),
    historyByPrestationId: new DataLoader<string, HistoryRow[]>(async (ids) =>
      grouped(ids, await historyOf(ds, ids), (r) => r.prestationId),
    ),
    remiseLinesByRequestId: new DataLoader<string, ReimbursementLineRow[]>(async (ids) =>
      grouped(ids, await reimbursementLinesOf(ds, ids), (r) => r.requestId),
    ),
    invoiceLinesByInvoiceId: new DataLoader<string, InvoiceLineRow[]>(async (ids) =>
      grouped(ids, await invoiceLinesOf(ds, ids), (r) => r.invoiceId),
    ),
  };
}

export type TitresLoaders = ReturnType<typeof createTitresLoaders>;
