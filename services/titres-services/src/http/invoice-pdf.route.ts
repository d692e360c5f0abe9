import type express from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from '@fidu/service-kit';
import { periodBounds } from '../domain/billing-rules';
import { verifyInvoicePdfToken } from '../domain/invoice-pdf-link';
import { renderInvoicePdf } from '../documents/invoice-pdf';
import { invoiceForPdf } from '../read-models/invoice.read-model';

/** Path of an invoice's PDF on this service; the gateway serves it at <publicUrl>/invoices/<id>.pdf. */
export const INVOICE_PDF_PATH = '/invoices/:file';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdf$/;

/**
 * GET /invoices/<id>.pdf?token=…: the invoice's PDF, generated from the stored invoice and its
 * lines. The signed token (made when the caller's scope was checked) is the only authorisation.
 */
export function invoicePdfRoute(ds: DataSource, secret: string, log: Logger) {
  return async (req: express.Request, res: express.Response): Promise<void> => {
    const id = FILE.exec(String(req.params.file ?? ''))?.[1];
    if (!id || !(await verifyInvoicePdfToken(String(req.query.token ?? ''), id, secret))) {
      res.status(403).json({
        errors: [{ message: 'The invoice link is invalid or expired.', extensions: { code: 'FORBIDDEN' } }],
      });
      return;
    }
    try {
      const found = await invoiceForPdf(ds, id);
      if (!found) {
        res.status(404).json({ errors: [{ message: 'No such file.', extensions: { code: 'NOT_FOUND' } }] });
        return;
      }
      const pdf = await renderInvoicePdf({
        invoice: found.invoice,
        customerName: found.invoice.customerName,
        period: periodBounds(found.invoice.period),
        lines: found.lines,
      });
      res.status(200);
      res.setHeader('content-type', 'application/pdf');
      res.setHeader('content-disposition', `attachment; filename="facture-${found.invoice.number}.pdf"`);
      res.setHeader('cache-control', 'private, no-store');
      res.end(pdf);
    } catch (error) {
      log.error({ err: error, invoiceId: id }, 'invoice PDF failed');
      res
        .status(500)
        .json({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  };
}
