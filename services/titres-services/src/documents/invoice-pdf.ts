import PDFDocument from 'pdfkit';
import { VAT_RATE_PERCENT } from '../domain/billing-rules';
import type { InvoiceRow } from '../use-cases/invoice-details';

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
    `Émise le ${i.issuedAt.toISOString().slice(0, 10)} - échéance ${i.dueOn}`,
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

/** The invoice as an A4 PDF (pdfkit, standard Helvetica, WinAnsi: French accents print). */
export function renderInvoicePdf(d: InvoiceDocumentData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: `Facture ${d.invoice.number}`, Producer: 'fidu titres-services' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const [title, ...lines] = invoiceDocumentLines(d);
    doc
      .font('Helvetica-Bold')
      .fontSize(15)
      .text(title ?? '')
      .moveDown();
    doc.font('Helvetica').fontSize(11);
    for (const line of lines) {
      if (line) doc.text(line);
      else doc.moveDown(0.6);
    }
    doc.end();
  });
}
