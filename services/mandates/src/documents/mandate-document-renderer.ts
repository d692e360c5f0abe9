import PDFDocument from 'pdfkit';
import type { MandateDocumentData } from '../domain/mandate-document';
import { formatEnterpriseNumber } from '../domain/enterprise-number';

/** Turns a mandate's data into its PDF (behind an interface: layout can change without touching use cases). */
export interface MandateDocumentRenderer {
  render(data: MandateDocumentData): Promise<Buffer>;
}

const TITLES: Record<string, string> = {
  FR: 'Mandat de domiciliation des extraits de compte (CODA)',
  NL: 'Mandaat voor de doorsturing van rekeninguittreksels (CODA)',
  DE: 'Mandat für die Übermittlung von Kontoauszügen (CODA)',
  EN: 'Mandate for the transmission of bank statements (CODA)',
};

/** The lines the document prints, in order (also what tests read back). */
export function mandateDocumentLines(data: MandateDocumentData): string[] {
  const c = data.client;
  return [
    TITLES[c.language] ?? TITLES.EN!,
    '',
    `Client: ${c.companyName}`,
    `Enterprise number: ${c.enterpriseNumber ? formatEnterpriseNumber(c.enterpriseNumber) : '-'}`,
    `Address: ${[c.street, [c.postalCode, c.city].filter(Boolean).join(' '), c.country].filter(Boolean).join(', ') || '-'}`,
    '',
    `Bank: ${data.bank.name} (${data.bank.bic})`,
    ...data.ibans.map((iban) => `Account: ${iban.replace(/(.{4})(?=.)/g, '$1 ')}`),
    '',
    'The account holder authorises the bank to send the statements of the accounts above,',
    'in CODA format, to the platform for delivery to the accounting office.',
    '',
    `Mandate ${data.mandateId} - document version ${data.documentVersion} - ${data.generatedAt.toISOString().slice(0, 10)}`,
    '',
    'Signature of the account holder: ______________________',
  ];
}

/**
 * The mandate as an A4 PDF (pdfkit, standard Helvetica with WinAnsi encoding, so French, Dutch and
 * German accents print). Generated from the client's current data each time it is downloaded.
 */
export function renderMandateDocument(data: MandateDocumentData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: {
        Title: `CODA mandate ${data.mandateId}`,
        Producer: 'fidu mandates',
        CreationDate: data.generatedAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const [title, ...lines] = mandateDocumentLines(data);
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

/** The renderer used by the service. */
export const pdfMandateRenderer: MandateDocumentRenderer = { render: renderMandateDocument };
