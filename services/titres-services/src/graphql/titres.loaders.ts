import DataLoader from 'dataloader';
import { rowPerKey, rowsPerKey } from '@fidu/service-kit';
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

/**
 * Per-request loaders of what hangs off prestations, remises and invoices. Their keys come from
 * rows already read within the caller's scope, so they need no scope of their own: one
 * statement per kind of thing, however many items a page holds.
 */
export function createTitresLoaders(ds: DataSource) {
  return {
    workerById: new DataLoader<string, PersonRow | null>(async (ids) =>
      rowPerKey(ids, await workersByIds(ds, ids), (r) => r.id),
    ),
    voucherUserById: new DataLoader<string, PersonRow | null>(async (ids) =>
      rowPerKey(ids, await voucherUsersByIds(ds, ids), (r) => r.id),
    ),
    historyByPrestationId: new DataLoader<string, HistoryRow[]>(async (ids) =>
      rowsPerKey(ids, await historyOf(ds, ids), (r) => r.prestationId),
    ),
    remiseLinesByRequestId: new DataLoader<string, ReimbursementLineRow[]>(async (ids) =>
      rowsPerKey(ids, await reimbursementLinesOf(ds, ids), (r) => r.requestId),
    ),
    invoiceLinesByInvoiceId: new DataLoader<string, InvoiceLineRow[]>(async (ids) =>
      rowsPerKey(ids, await invoiceLinesOf(ds, ids), (r) => r.invoiceId),
    ),
  };
}

export type TitresLoaders = ReturnType<typeof createTitresLoaders>;
