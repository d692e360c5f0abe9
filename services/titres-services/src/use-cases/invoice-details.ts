import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { addDays } from '@fidu/service-kit';
import { firstDayAfter } from '../domain/billing-rules';
import type { TitresScope } from '../domain/titres-access';

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

/** Not found, not the caller's, or a malformed id: one answer, so nothing about other tenants leaks. */
export function invoiceNotFound(): DomainError {
  return new DomainError('TS_INVOICE_NOT_FOUND', 'No such invoice among yours.', 'id');
}

/**
 * One invoice, if the caller may read it: the approved company it is addressed to, or the office
 * that registered that company (invoice.office_id is the company's office, set at issue), which
 * also reads its own platform invoices. Anyone else gets TS_INVOICE_NOT_FOUND.
 */
export async function invoiceInScope(
  ds: DataSource,
  scope: Exclude<TitresScope, { kind: 'voucher_user' }>,
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

/** First and last day of the billed month (YYYY-MM). */
export function periodBounds(period: string): { start: string; end: string } {
  return { start: `${period}-01`, end: addDays(firstDayAfter(period), -1) };
}

/**
 * Payment is followed outside the platform for now, so an invoice is never known to be paid:
 * it is DUE until its due date (Brussels), OVERDUE after.
 */
export function paymentStateOf(dueOn: string, today: string): 'DUE' | 'OVERDUE' {
  return today > dueOn ? 'OVERDUE' : 'DUE';
}

/** Path of an invoice's PDF on this service; the gateway serves it at /files/titres-services/…. */
export const INVOICE_PDF_ROUTE = '/invoices/:file';
/** PDF links live 5 minutes: long enough to start a download, short enough that a leaked one is useless. */
const PDF_LINK_TTL_MS = 5 * 60_000;

function mac(body: string, secret: string): string {
  return createHmac('sha256', `invoice-pdf:${secret}`).update(body).digest('base64url');
}

/** A signed link to the invoice's PDF, under `publicUrl` (the gateway's /files/titres-services). */
export function invoicePdfLink(
  invoice: Pick<InvoiceRow, 'id' | 'number'>,
  publicUrl: string,
  secret: string,
  now = Date.now(),
): { url: string; fileName: string; expiresAt: Date } {
  const exp = now + PDF_LINK_TTL_MS;
  const body = Buffer.from(JSON.stringify({ invoiceId: invoice.id, exp })).toString('base64url');
  return {
    url: `${publicUrl}/invoices/${invoice.id}.pdf?token=${body}.${mac(body, secret)}`,
    fileName: `facture-${invoice.number}.pdf`,
    expiresAt: new Date(exp),
  };
}

/** The invoice id a token grants for this path's id; null when forged, expired or for another invoice. */
export function verifyInvoicePdfToken(
  token: string,
  invoiceId: string,
  secret: string,
  now = Date.now(),
): string | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const grant = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
      invoiceId: string;
      exp: number;
    };
    return typeof grant.exp === 'number' && grant.exp > now && grant.invoiceId === invoiceId
      ? invoiceId
      : null;
  } catch {
    return null;
  }
}
