import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { BANK_ACCOUNT_STATES, type BankAccountState } from '../domain/bank-account';
import {
  BANK_ACCOUNT_COLUMNS,
  CODA_COLUMNS,
  type BankAccountRow,
  type CodaMandateRow,
} from '../db/mandate.mapping';
import { findBank } from '../db/bank.repository';
import { optionalReason, type Caller } from '../domain/caller';
import { moveBankAccount, moveCodaMandate } from './coda-transitions';

const BANK_ACCOUNT_TARGETS: readonly BankAccountState[] = BANK_ACCOUNT_STATES.filter(
  (s) => s !== 'WAITING_FOR_SIGNED_MANDATE',
);

/**
 * A bank moves one of its accounts: holder activation seen, activated (emits
 * BankAccountActivated; the mandate becomes active with its first active account), first file
 * delivered, stopped by the holder or the bank.
 */
export async function changeBankAccountStateByBank(
  ds: DataSource,
  bankId: string,
  input: { bankAccountId: string; state: BankAccountState; reason?: string | null },
  caller: Caller,
): Promise<BankAccountRow> {
  const id = requireUuid(input.bankAccountId, 'bankAccountId');
  if (!BANK_ACCOUNT_TARGETS.includes(input.state))
    throw new DomainError(
      'BANK_ACCOUNT_STATE_NOT_FOR_BANK',
      `A bank cannot set state ${input.state}.`,
      'state',
    );
  const reason = optionalReason(input.reason) ?? `Set to ${input.state} by the bank`;
  return ds.transaction(async (em) => {
    const [account] = (await em.query(
      `SELECT ${BANK_ACCOUNT_COLUMNS} FROM bank_account WHERE id = $1 AND bank_id = $2 FOR UPDATE`,
      [id, bankId],
    )) as BankAccountRow[];
    if (!account)
      throw new DomainError('BANK_ACCOUNT_NOT_FOUND', 'No such bank account at your bank.', 'bankAccountId');
    const [mandate] = (await em.query(`SELECT ${CODA_COLUMNS} FROM coda_mandate WHERE id = $1 FOR UPDATE`, [
      account.codaMandateId,
    ])) as CodaMandateRow[];
    if (mandate!.state === 'ARCHIVED')
      throw new DomainError(
        'CODA_MANDATE_ARCHIVED',
        'The mandate covering this account is archived.',
        'bankAccountId',
      );
    const moved = await moveBankAccount(em, account, input.state, reason, caller);
    if (input.state === 'ACTIVE_WAITING_FOR_FIRST_FILE') {
      const bank = (await findBank(em, bankId))!;
      let current = mandate!;
      if (current.state === 'SIGNED')
        current = await moveCodaMandate(
          em,
          current,
          'BANK_PROCEDURE',
          'Bank procedure started',
          caller,
          bank.kind,
        );
      if (current.state === 'BANK_PROCEDURE')
        await moveCodaMandate(
          em,
          current,
          'ACTIVE',
          `First account activated (${account.iban})`,
          caller,
          bank.kind,
        );
    }
    return moved;
  });
}
