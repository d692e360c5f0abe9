import type { DataSource } from 'typeorm';
import { DomainError } from '@fidu/service-kit';
import { requireCaroReference } from '../domain/caro-order';
import type { Caller } from '../domain/caller';
import { lockOfficeCaroOrder, moveCaroOrder } from './caro-transitions';
import { createCaroOrder } from './order-caro';

/**
 * The first resolution of a CARO problem: the reference was wrong, and it is never editable, so the order is
 * recreated with the right one; the wrong order is cancelled, and the new one names it.
 */
export function recreateCaroOrder(
  ds: DataSource,
  officeId: string,
  input: { caroOrderId: string; clientReference: string },
  caller: Caller,
  now = new Date(),
) {
  return ds.transaction(async (em) => {
    const old = await lockOfficeCaroOrder(em, officeId, input.caroOrderId);
    const reference = requireCaroReference(old.bankId, input.clientReference ?? '');
    if (reference === old.clientReference)
      throw new DomainError(
        'CARO_REFERENCE_UNCHANGED',
        'The new reference is the same as the old one.',
        'clientReference',
      );
    await moveCaroOrder(em, old, 'CANCELLED', `Recreated with reference ${reference}`, caller);
    return createCaroOrder(
      em,
      officeId,
      {
        clientId: old.clientId,
        bankId: old.bankId,
        clientReference: reference,
        cardholderEmail: old.cardholderEmail,
        cardholderMobile: old.cardholderMobile,
        iban: old.iban,
      },
      caller,
      old.id,
      now,
    );
  });
}
