import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { BANK_ACCOUNT_STATES, type BankAccountState } from '../domain/bank-account';
import type { CodaState } from '../domain/coda-mandate';
import {
  BANK_ACCOUNT_COLUMNS,
  CODA_COLUMNS,
  type BankAccountRow,
  type CodaMandateRow,
} from '../db/mandate.mapping';
import { findBank } from '../db/bank.repository';
import { optionalReason, requireReason, type Caller } from '../domain/caller';
import { lockCodaMandate, moveBankAccount, moveCodaMandate } from './coda-transitions';

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
