import type { DataSource } from 'typeorm';
import { DomainError } from '@fidu/service-kit';
import { requireCardholderEmail, requireCardholderMobile } from '../domain/caro-order';
import type { Caller } from '../domain/caller';
import { CARO_COLUMNS, type CaroOrderRow } from '../db/mandate.mapping';
import { lockOfficeCaroOrder, moveCaroOrder } from './caro-transitions';

/**
 * Edits the cardholder's e-mail and mobile (the reference never changes). An order waiting for
 * consent, expired or in problem gets a new invitation to the new details (the third resolution
 * of a CARO problem); an active or cancelled one just keeps the new details.
 */
export function updateCaroCardholder(
  ds: DataSource,
  officeId: string,
  input: { caroOrderId: string; cardholderEmail?: string | null; cardholderMobile?: string | null },
  caller: Caller,
) {
  const email = input.cardholderEmail != null ? requireCardholderEmail(input.cardholderEmail) : null;
  const mobile = input.cardholderMobile != null ? requireCardholderMobile(input.cardholderMobile) : null;
  if (!email && !mobile)
    throw new DomainError(
      'CARO_CARDHOLDER_UNCHANGED',
      'Give a new e-mail address or mobile number.',
      'cardholderEmail',
    );
  return ds.transaction(async (em) => {
    const order = await lockOfficeCaroOrder(em, officeId, input.caroOrderId);
    const [rows] = (await em.query(
      `UPDATE caro_order SET cardholder_email = coalesce($2, cardholder_email), cardholder_mobile = coalesce($3, cardholder_mobile), updated_at = now()
        WHERE id = $1 RETURNING ${CARO_COLUMNS}`,
      [order.id, email, mobile],
    )) as [CaroOrderRow[], number];
    const edited = rows[0]!;
    if (order.state === 'ACTIVE' || order.state === 'CANCELLED') return edited;
    return moveCaroOrder(
      em,
      edited,
      'INVITATION_SENT',
      "Cardholder's details edited; invitation sent again",
      caller,
      { reinvite: true },
    );
  });
}
