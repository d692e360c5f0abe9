import type { DataSource } from 'typeorm';
import { DomainError } from '@fidu/service-kit';
import type { Caller } from '../domain/caller';
import { lockOfficeSodaMandate, requestSodaActivation } from './soda-transitions';

/** After a rejection (PROBLEM) the office, having sorted it out, asks the secretariat again. */
export async function requestSodaActivationAgain(
  ds: DataSource,
  officeId: string,
  input: { sodaMandateId: string },
  caller: Caller,
) {
  return ds.transaction(async (em) => {
    const mandate = await lockOfficeSodaMandate(em, officeId, input.sodaMandateId);
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
