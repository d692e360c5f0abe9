import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { SODA_COLUMNS, type SodaMandateRow } from '../db/mandate.mapping';
import type { Caller } from '../domain/caller';
import { requestSodaActivation } from './soda-transitions';

/** After a rejection (PROBLEM) the office, having sorted it out, asks the secretariat again. */
export async function requestSodaActivationAgain(
  ds: DataSource,
  officeId: string,
  input: { sodaMandateId: string },
  caller: Caller,
) {
  const id = requireUuid(input.sodaMandateId, 'sodaMandateId');
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
    if (mandate.state !== 'PROBLEM') {
      throw new DomainError(
        'SODA_ILLEGAL_TRANSITION',
        `A SODA mandate in state ${mandate.state} cannot be requested again.`,
        'sodaMandateId',
        {
          fromState: mandate.state,
          toState: 'REQUESTED',
        },
      );
    }
    return requestSodaActivation(em, mandate, caller);
  });
}
