import { renderTextPdf, wallClockOf } from '@fidu/service-kit';
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
    `Mandate ${data.mandateId} - document version ${data.documentVersion} - ${wallClockOf(data.generatedAt).date}`,
    '',
    'Signature of the account holder: ______________________',
  ];
}

/** The mandate as an A4 PDF, generated from the client's current data each time it is downloaded. */
export function renderMandateDocument(data: MandateDocumentData): Promise<Buffer> {
  return renderTextPdf(mandateDocumentLines(data), {
    Title: `CODA mandate ${data.mandateId}`,
    Producer: 'fidu mandates',
    CreationDate: data.generatedAt,
  });
}

/** The renderer used by the service. */
export const pdfMandateRenderer: MandateDocumentRenderer = { render: renderMandateDocument };
