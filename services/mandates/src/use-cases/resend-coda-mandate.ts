import type { DataSource } from 'typeorm';
import { resentCodaState } from '../domain/coda-mandate';
import type { Caller } from '../domain/caller';
import { moveCodaMandate } from './coda-transitions';
import { reloadOfficeMandate, withOfferedAction } from './coda-office-action';

export async function resendCodaMandate(
  ds: DataSource,
  officeId: string,
  input: { codaMandateId: string },
  caller: Caller,
) {
  return withOfferedAction(
    ds,
    officeId,
    input.codaMandateId,
    'RESEND_TO_CLIENT',
    async (em, mandate, bank) => {
      await moveCodaMandate(
        em,
        mandate,
        resentCodaState(bank.kind),
        'Mandate sent to the client by the platform',
        caller,
        bank.kind,
      );
      return reloadOfficeMandate(em, mandate.id, officeId);
    },
  );
}
