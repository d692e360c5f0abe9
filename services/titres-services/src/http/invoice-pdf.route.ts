import type express from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from '@fidu/service-kit';
import { renderInvoicePdf } from '../documents/invoice-pdf';
import {
  INVOICE_COLUMNS,
  periodBounds,
  verifyInvoicePdfToken,
  type InvoiceRow,
} from '../use-cases/invoice-details';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdf$/;

/**
 * GET /invoices/<id>.pdf?token=…: the invoice's PDF, generated from the stored invoice and its
 * lines. The signed token (made when the caller's scope was checked) is the only authorisation.
 */
export function invoicePdfRoute(ds: DataSource, secret: string, log: Logger) {
  return async (req: express.Request, res: express.Response): Promise<void> => {
    const id = FILE.exec(String(req.params.file ?? ''))?.[1];
    if (!id || !verifyInvoicePdfToken(String(req.query.token ?? ''), id, secret)) {
      res.status(403).json({
        errors: [{ message: 'The invoice link is invalid or expired.', extensions: { code: 'FORBIDDEN' } }],
      });
      return;
    }
    try {
      const [invoice] = (await ds.query(
        `SELECT ${INVOICE_COLUMNS}, d.company_name AS "customerName"
         FROM invoice i LEFT JOIN approved_company c ON c.id = i.company_id
           LEFT JOIN client_directory d ON d.client_id = c.client_id
         WHERE i.id = $1`,
        [id],
      )) as (InvoiceRow & { customerName: string | null })[];
      if (!invoice) {
        res.status(404).json({ errors: [{ message: 'No such file.', extensions: { code: 'NOT_FOUND' } }] });
        return;
      }
      const lines = (await ds.query(
        `SELECT description, quantity, unit_cents::int AS "unitCents", amount_cents::int AS "amountCents"
         FROM billing_line WHERE invoice_id = $1 ORDER BY occurred_on, kind, id`,
        [id],
      )) as { description: string; quantity: number; unitCents: number; amountCents: number }[];
      const pdf = await renderInvoicePdf({
        invoice,
        customerName: invoice.customerName,
        period: periodBounds(invoice.period),
        lines,
      });
      res.status(200);
      res.setHeader('content-type', 'application/pdf');
      res.setHeader('content-disposition', `attachment; filename="facture-${invoice.number}.pdf"`);
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
