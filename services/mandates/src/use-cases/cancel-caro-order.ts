import type { DataSource } from 'typeorm';
import { requireReason, type Caller } from '../domain/caller';
import { lockOfficeCaroOrder, moveCaroOrder } from './caro-transitions';

/** Cancels an order (e.g. a wrong client/reference pair); it can be reactivated later. */
export function cancelCaroOrder(
  ds: DataSource,
  officeId: string,
  input: { caroOrderId: string; reason: string },
  caller: Caller,
) {
  const reason = requireReason(input.reason, 'CARO_CANCEL_REASON_REQUIRED');
  return ds.transaction(async (em) =>
    moveCaroOrder(
      em,
      await lockOfficeCaroOrder(em, officeId, input.caroOrderId),
      'CANCELLED',
      reason,
      caller,
    ),
  );
}
