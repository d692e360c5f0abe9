import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { CARO_COLUMNS, type CaroOrderRow } from '../db/mandate.mapping';

/** The bank reports a delivered statement: the order shows the date of its last document. */
export function reportCaroDocument(
  ds: DataSource,
  bankId: string,
  input: { caroOrderId: string; documentDate: string },
) {
  const id = requireUuid(input.caroOrderId, 'caroOrderId');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.documentDate ?? '') || Number.isNaN(Date.parse(input.documentDate))) {
    throw new DomainError(
      'CARO_DOCUMENT_DATE_INVALID',
      'documentDate must be a date (YYYY-MM-DD).',
      'documentDate',
    );
  }
  return ds.transaction(async (em) => {
    const [order] = (await em.query(
      `SELECT ${CARO_COLUMNS} FROM caro_order WHERE id = $1 AND bank_id = $2 FOR UPDATE`,
      [id, bankId],
    )) as CaroOrderRow[];
    if (!order)
      throw new DomainError('CARO_ORDER_NOT_FOUND', 'No such CARO order at your bank.', 'caroOrderId');
    if (order.state !== 'ACTIVE')
      throw new DomainError(
        'CARO_ORDER_NOT_ACTIVE',
        'Documents are delivered only for an active order.',
        'caroOrderId',
      );
    const [rows] = (await em.query(
      `UPDATE caro_order SET last_document_date = greatest(coalesce(last_document_date, $2::date), $2::date), updated_at = now() WHERE id = $1 RETURNING ${CARO_COLUMNS}`,
      [id, input.documentDate],
    )) as [CaroOrderRow[], number];
    return rows[0]!;
  });
}
