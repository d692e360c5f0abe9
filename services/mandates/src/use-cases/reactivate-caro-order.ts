import type { DataSource } from 'typeorm';
import type { Caller } from '../domain/caller';
import { lockOfficeCaroOrder, moveCaroOrder } from './caro-transitions';

/** Reactivates a cancelled order: a new invitation is sent. */
export function reactivateCaroOrder(
  ds: DataSource,
  officeId: string,
  input: { caroOrderId: string },
  caller: Caller,
) {
  return ds.transaction(async (em) =>
    moveCaroOrder(
      em,
      await lockOfficeCaroOrder(em, officeId, input.caroOrderId),
      'INVITATION_SENT',
      'Reactivated; cardholder invited again',
      caller,
      { reinvite: true },
    ),
  );
}
