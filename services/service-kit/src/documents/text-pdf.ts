import PDFDocument from 'pdfkit';

export interface TextPdfInfo {
  Title: string;
  Producer: string;
  CreationDate?: Date;
}

/**
 * A one-column A4 PDF of text lines: the first line is the title, an empty line is a gap.
 * Standard Helvetica with WinAnsi encoding, so French, Dutch and German accents print; the lines
 * read back in order from any PDF tool, which is what the tests check.
 */
export function renderTextPdf(lines: string[], info: TextPdfInfo): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const [title, ...body] = lines;
    doc
      .font('Helvetica-Bold')
      .fontSize(15)
      .text(title ?? '')
      .moveDown();
    doc.font('Helvetica').fontSize(11);
    for (const line of body) {
      if (line) doc.text(line);
      else doc.moveDown(0.6);
    }
    doc.end();
  });
}
