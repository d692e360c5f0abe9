import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import type { CodaState } from '../domain/coda-mandate';
import type { CodaMandateRow } from '../db/mandate.mapping';
import { findBank } from '../db/bank.repository';
import { optionalReason, requireReason, type Caller } from '../domain/caller';
import { lockCodaMandate, moveCodaMandate } from './coda-transitions';

/** The states a bank may move a mandate to (the rest are the office's or the platform's). */
export const BANK_CODA_TARGETS: readonly CodaState[] = [
  'AVAILABLE_ONLINE',
  'SIGNED',
  'BANK_PROCEDURE',
  'PROBLEM',
  'ACTIVE',
];

const DEFAULT_REASONS: Partial<Record<CodaState, string>> = {
  AVAILABLE_ONLINE: "Available in the client's online banking",
  SIGNED: 'Signed mandate received by the bank',
  BANK_PROCEDURE: 'Bank procedure started',
  ACTIVE: 'Activated by the bank',
};

/** A bank moves one of the mandates addressed to it through its procedure. */
export async function changeCodaMandateStateByBank(
  ds: DataSource,
  bankId: string,
  input: { codaMandateId: string; state: CodaState; reason?: string | null },
  caller: Caller,
): Promise<CodaMandateRow> {
  const id = requireUuid(input.codaMandateId, 'codaMandateId');
  if (!BANK_CODA_TARGETS.includes(input.state)) {
    throw new DomainError('CODA_STATE_NOT_FOR_BANK', `A bank cannot set state ${input.state}.`, 'state');
  }
  const reason =
    input.state === 'PROBLEM'
      ? requireReason(input.reason, 'CODA_REASON_REQUIRED')
      : (optionalReason(input.reason) ?? DEFAULT_REASONS[input.state]!);
  return ds.transaction(async (em) => {
    const mandate = await lockCodaMandate(em, id, { bankId });
    if (!mandate)
      throw new DomainError('CODA_MANDATE_NOT_FOUND', 'No such CODA mandate at your bank.', 'codaMandateId');
    const bank = (await findBank(em, bankId))!;
    return moveCodaMandate(em, mandate, input.state, reason, caller, bank.kind);
  });
}
