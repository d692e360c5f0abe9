import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { SODA_COLUMNS, type SodaMandateRow } from '../db/mandate.mapping';
import { requireReason, type Caller } from '../domain/caller';
import { moveSodaMandate } from './soda-transitions';

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
    const [mandate] = (await em.query(
      `SELECT ${SODA_COLUMNS} FROM soda_mandate WHERE id = $1 AND office_id = $2 FOR UPDATE`,
      [id, officeId],
    )) as SodaMandateRow[];
    if (!mandate)
      throw new DomainError(
        'SODA_MANDATE_NOT_FOUND',
        'No such SODA mandate in your office.',
        'sodaMandateId',
      );
    return moveSodaMandate(em, mandate, 'ARCHIVED', reason, caller);
  });
}
