import { renderTextPdf, wallClockOf } from '@fidu/service-kit';
import { VAT_RATE_PERCENT } from '../domain/billing-rules';
import type { InvoiceRow } from '../read-models/invoice.read-model';

export interface InvoiceDocumentData {
  invoice: InvoiceRow;
  /** The company's name (from the client directory), or null for an office's platform invoice. */
  customerName: string | null;
  period: { start: string; end: string };
  lines: { description: string; quantity: number; unitCents: number; amountCents: number }[];
}

/** 1234 → "12,34 EUR" (Belgian notation; the code, not the sign, reads back from any PDF tool). */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')} EUR`;
}

/** The lines the document prints, in order (also what tests read back). */
export function invoiceDocumentLines(d: InvoiceDocumentData): string[] {
  const i = d.invoice;
  return [
    `Facture ${i.number}`,
    '',
    `Client : ${d.customerName ?? `Bureau ${i.officeId}`}`,
    `Période : du ${d.period.start} au ${d.period.end}`,
    `Émise le ${wallClockOf(i.issuedAt).date} - échéance ${i.dueOn}`,
    `Paiement : ${i.paymentMethod === 'DIRECT_DEBIT' ? 'domiciliation' : 'virement'}`,
    '',
    ...d.lines.map(
      (l) => `${l.description} - ${l.quantity} x ${euros(l.unitCents)} = ${euros(l.amountCents)}`,
    ),
    '',
    `Total HTVA : ${euros(i.subtotalCents)}`,
    `TVA ${VAT_RATE_PERCENT} % : ${euros(i.vatCents)}`,
    `Total TVAC : ${euros(i.totalCents)}`,
  ];
}

/** The invoice as an A4 PDF. */
export function renderInvoicePdf(d: InvoiceDocumentData): Promise<Buffer> {
  return renderTextPdf(invoiceDocumentLines(d), {
    Title: `Facture ${d.invoice.number}`,
    Producer: 'fidu titres-services',
  });
}
