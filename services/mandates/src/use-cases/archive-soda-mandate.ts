import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import { requireReason, type Caller } from '../domain/caller';
import { lockOfficeSodaMandate, moveSodaMandate } from './soda-transitions';

/** The office archives one of its SODA mandates, saying why. */
export async function archiveSodaMandate(
  ds: DataSource,
  officeId: string,
  input: { sodaMandateId: string; reason: string },
  caller: Caller,
) {
  const id = requireUuid(input.sodaMandateId, 'sodaMandateId');
  const reason = requireReason(input.reason, 'SODA_ARCHIVE_REASON_REQUIRED');
  return ds.transaction(async (em) => {
    const mandate = await lockOfficeSodaMandate(em, officeId, id);
    return moveSodaMandate(em, mandate, 'ARCHIVED', reason, caller);
  });
}
