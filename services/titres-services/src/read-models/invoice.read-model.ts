import type { DataSource } from 'typeorm';
import { requireUuid, type Connection, type KeysetOrder } from '@fidu/service-kit';
import { invoiceNotFound } from '../domain/titres.errors';
import type { CompanySideScope } from '../domain/titres-scope';
import { keysetPage, type PageArgs } from './company-list.read-model';

/** Columns of an invoice as the GraphQL type and the PDF read them. */
export const INVOICE_COLUMNS = `i.id, i.office_id AS "officeId", i.company_id AS "companyId", i.number, i.period, i.state AS status,
  i.payment_method AS "paymentMethod", i.subtotal_cents::int AS "subtotalCents", i.vat_cents::int AS "vatCents",
  i.total_cents::int AS "totalCents", i.issued_at AS "issuedAt", to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn"`;

export interface InvoiceRow {
  id: string;
  officeId: string;
  companyId: string | null;
  number: string;
  period: string;
  status: string;
  paymentMethod: 'DIRECT_DEBIT' | 'TRANSFER';
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  issuedAt: Date;
  dueOn: string;
}

/**
 * One invoice, if the caller may read it: the approved company it is addressed to, or the office
 * that registered that company (invoice.office_id is the company's office, set at issue), which
 * also reads its own platform invoices. Anyone else gets TS_INVOICE_NOT_FOUND.
 */
export async function invoiceInScope(
  ds: DataSource,
  scope: CompanySideScope,
  id: string,
): Promise<InvoiceRow> {
  let invoiceId: string;
  try {
    invoiceId = requireUuid(id, 'id');
  } catch {
    throw invoiceNotFound();
  }
  const [owner, tenant] =
    scope.kind === 'office' ? ['i.office_id = $2', scope.officeId] : ['i.company_id = $2', scope.companyId];
  const [row] = (await ds.query(`SELECT ${INVOICE_COLUMNS} FROM invoice i WHERE i.id = $1 AND ${owner}`, [
    invoiceId,
    tenant,
  ])) as InvoiceRow[];
  if (!row) throw invoiceNotFound();
  return row;
}

/** Whose invoices a list shows: a company's (billing tab) or an office's own platform invoices. */
export type InvoiceOwner = { companyId: string } | { officeId: string };

/** Newest first: issue instant, then number (unique). */
const NEWEST_INVOICE_FIRST: KeysetOrder<InvoiceRow> = {
  columns: ['i.issued_at', 'i.number'],
  kinds: ['timestamp', 'string'],
  direction: 'DESC',
  positionOf: (i) => [i.issuedAt, i.number],
};

/**
 * A page of invoices, newest first, keyset-paged: one statement whatever the page's size. The
 * owner was checked against the caller's scope before.
 */
export function invoicePage(
  ds: DataSource,
  owner: InvoiceOwner,
  args: PageArgs,
): Promise<Connection<InvoiceRow>> {
  const select =
    'companyId' in owner
      ? { sql: `SELECT ${INVOICE_COLUMNS} FROM invoice i WHERE i.company_id = $1`, params: [owner.companyId] }
      : {
          sql: `SELECT ${INVOICE_COLUMNS} FROM invoice i WHERE i.office_id = $1 AND i.company_id IS NULL`,
          params: [owner.officeId],
        };
  return keysetPage(ds, select, NEWEST_INVOICE_FIRST, args);
}

/** An invoice line as stored (amounts are bigint columns, read as text). */
export interface InvoiceLineRow {
  invoiceId: string;
  kind: string;
  description: string;
  quantity: number;
  unitCents: string;
  amountCents: string;
  occurredOn: string;
}

/** The lines of several invoices (already read in the caller's scope): one statement. */
export function invoiceLinesOf(ds: DataSource, invoiceIds: readonly string[]): Promise<InvoiceLineRow[]> {
  return ds.query(
    `SELECT invoice_id AS "invoiceId", kind, description, quantity, unit_cents AS "unitCents", amount_cents AS "amountCents",
       to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn"
     FROM billing_line WHERE invoice_id = ANY($1) ORDER BY occurred_on, kind, id`,
    [[...invoiceIds]],
  ) as Promise<InvoiceLineRow[]>;
}

/** What the PDF shows: the invoice, its customer's name and its lines; null for an unknown id. */
export async function invoiceForPdf(ds: DataSource, id: string) {
  const [invoice] = (await ds.query(
    `SELECT ${INVOICE_COLUMNS}, d.company_name AS "customerName"
     FROM invoice i LEFT JOIN approved_company c ON c.id = i.company_id
       LEFT JOIN client_directory d ON d.client_id = c.client_id
     WHERE i.id = $1`,
    [id],
  )) as (InvoiceRow & { customerName: string | null })[];
  if (!invoice) return null;
  const lines = (await ds.query(
    `SELECT description, quantity, unit_cents::int AS "unitCents", amount_cents::int AS "amountCents"
     FROM billing_line WHERE invoice_id = $1 ORDER BY occurred_on, kind, id`,
    [id],
  )) as { description: string; quantity: number; unitCents: number; amountCents: number }[];
  return { invoice, lines };
}
