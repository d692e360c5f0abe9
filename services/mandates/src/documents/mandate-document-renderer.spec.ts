import { mandateDocumentLines, renderMandateDocument } from './mandate-document-renderer';
import { pdfTextLines } from './pdf-text';

const data = {
  mandateId: '11111111-1111-4111-8111-111111111111',
  documentVersion: 2,
  client: {
    companyName: 'Boulangerie (Dupont)',
    enterpriseNumber: '0403170701',
    street: 'Rue Haute 1',
    postalCode: '1000',
    city: 'Bruxelles',
    country: 'BE',
    language: 'FR',
  },
  bank: { name: 'Argenta', bic: 'ARSPBE22' },
  ibans: ['BE68539007547034'],
  generatedAt: new Date('2026-11-22T10:00:00Z'),
};

describe('mandate document', () => {
  it('prints the client data, the bank, the accounts and the document version', () => {
    const lines = mandateDocumentLines(data);
    expect(lines[0]).toBe('Mandat de domiciliation des extraits de compte (CODA)');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Client: Boulangerie (Dupont)',
        'Enterprise number: 0403.170.701',
        'Account: BE68 5390 0754 7034',
        'Bank: Argenta (ARSPBE22)',
      ]),
    );
    expect(lines.some((l) => l.includes('document version 2'))).toBe(true);
  });

  it('titles the document in the client language, accents included', () => {
    expect(mandateDocumentLines({ ...data, client: { ...data.client, language: 'DE' } })[0]).toBe(
      'Mandat für die Übermittlung von Kontoauszügen (CODA)',
    );
  });

  it('renders a one-page A4 PDF with its title in the metadata', async () => {
    const pdf = (await renderMandateDocument(data)).toString('latin1');
    expect(pdf.startsWith('%PDF-1.')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toMatch(/\/Type \/Pages\s*\/Count 1/);
    expect(pdf).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pdf).toContain(`CODA mandate ${data.mandateId}`);
  });

  it('prints every line of the document, accents included, readable back from the PDF', async () => {
    const de = { ...data, client: { ...data.client, language: 'DE' } };
    const printed = pdfTextLines(await renderMandateDocument(de));
    expect(printed).toEqual(mandateDocumentLines(de).filter(Boolean));
  });
});
