import type { DataSource } from 'typeorm';
import { requireReason, type Caller } from '../domain/caller';
import { moveCodaMandate } from './coda-transitions';
import { reloadOfficeMandate, withOfferedAction } from './coda-office-action';

export async function archiveCodaMandate(
  ds: DataSource,
  officeId: string,
  input: { codaMandateId: string; reason: string },
  caller: Caller,
) {
  const reason = requireReason(input.reason, 'CODA_ARCHIVE_REASON_REQUIRED');
  return withOfferedAction(ds, officeId, input.codaMandateId, 'ARCHIVE', async (em, mandate, bank) => {
    await moveCodaMandate(em, mandate, 'ARCHIVED', reason, caller, bank.kind);
    return reloadOfficeMandate(em, mandate.id, officeId);
  });
}
