import { encodeEvent, InvoiceIssuedSchema } from '@fidu/proto-events';
import { timestampFromDate, type OutboxEvent } from '@fidu/service-kit';

/** An invoice as InvoiceIssued announces it; companyId is null for an office's platform invoice. */
export interface IssuedInvoice {
  id: string;
  officeId: string;
  companyId: string | null;
  number: string;
  period: string;
  totalCents: number;
  lineCount: number;
  issuedAt: Date;
}

/** InvoiceIssued, keyed by the invoice id. */
export function invoiceIssuedEvent(invoice: IssuedInvoice): OutboxEvent {
  return encodeEvent(
    InvoiceIssuedSchema,
    {
      invoiceId: invoice.id,
      officeId: invoice.officeId,
      companyId: invoice.companyId ?? '',
      number: invoice.number,
      period: invoice.period,
      totalCents: BigInt(invoice.totalCents),
      lineCount: invoice.lineCount,
      issuedAt: timestampFromDate(invoice.issuedAt),
    },
    { source: 'titres-services', tenant: invoice.officeId, subject: invoice.id },
  );
}
