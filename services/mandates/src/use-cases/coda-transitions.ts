import { appendToOutbox, type OutboxEvent } from '@fidu/service-kit';
import type { EntityManager } from 'typeorm';
import { BANK_ACCOUNT_MACHINE, stateAfterSignature, type BankAccountState } from '../domain/bank-account';
import type { BankKind } from '../domain/bank-kind';
import { CODA_MACHINE, type CodaState } from '../domain/coda-mandate';
import { recordHistory } from '../db/history.repository';
import {
  BANK_ACCOUNT_COLUMNS,
  CODA_COLUMNS,
  type BankAccountRow,
  type CodaMandateRow,
} from '../db/mandate.mapping';
import { bankAccountActivatedEvent, bankAccountStateChangedEvent } from '../events/bank-account-events';
import { codaStateChangedEvent } from '../events/coda-mandate-events';
import type { ChangeMeta } from '../events/event-envelope';
import type { Caller } from '../domain/caller';
import { advanceWaitingSodaMandates } from './soda-transitions';

/** Locks a mandate for the rest of the transaction; `scope` restricts it to the caller's rows. */
export async function lockCodaMandate(
  em: EntityManager,
  id: string,
  scope: { officeId: string } | { bankId: string },
): Promise<CodaMandateRow | undefined> {
  const [column, value] = 'officeId' in scope ? ['office_id', scope.officeId] : ['bank_id', scope.bankId];
  const [row] = (await em.query(
    `SELECT ${CODA_COLUMNS} FROM coda_mandate WHERE id = $1 AND ${column} = $2 FOR UPDATE`,
    [id, value],
  )) as CodaMandateRow[];
  return row;
}

/**
 * Moves a CODA mandate along the transition table: state, history and event in the caller's
 * transaction. Signing also moves its accounts on and releases the client's waiting SODA
 * mandates (no SODA without CODA).
 */
export async function moveCodaMandate(
  em: EntityManager,
  mandate: CodaMandateRow,
  to: CodaState,
  reason: string,
  caller: Caller,
  bankKind: BankKind,
): Promise<CodaMandateRow> {
  CODA_MACHINE.assertMove(mandate.state, to);
  const from = mandate.state;
  const signing = to === 'SIGNED' && mandate.signedAt === null;
  const [updated] = (await em.query(
    `UPDATE coda_mandate SET state = $2, state_reason = $3, updated_at = now(),
       signed_at = CASE WHEN $4::boolean THEN now() ELSE signed_at END,
       to_be_presented_again = CASE WHEN $2 IN ('SIGNED', 'BANK_PROCEDURE', 'ACTIVE', 'ARCHIVED') THEN false ELSE to_be_presented_again END
     WHERE id = $1 RETURNING ${CODA_COLUMNS}`,
    [mandate.id, to, reason, signing],
  )) as [CodaMandateRow[], number];
  // UPDATE … RETURNING answers [rows, count] through TypeORM.
  const row = updated[0]!;
  const meta: ChangeMeta = { reason, ...caller };
  await recordHistory(em, [
    {
      aggregate: 'CODA',
      aggregateId: mandate.id,
      officeId: mandate.officeId,
      fromState: from,
      toState: to,
      reason,
      actor: caller.actor,
    },
  ]);
  await appendToOutbox(em, [codaStateChangedEvent(mandate, from, to, meta)]);
  if (signing) {
    const accounts = (await em.query(
      `SELECT ${BANK_ACCOUNT_COLUMNS} FROM bank_account WHERE coda_mandate_id = $1 AND state = 'WAITING_FOR_SIGNED_MANDATE' FOR UPDATE`,
      [mandate.id],
    )) as BankAccountRow[];
    for (const account of accounts)
      await moveBankAccount(em, account, stateAfterSignature(bankKind), 'CODA mandate signed', caller);
    await advanceWaitingSodaMandates(em, mandate.officeId, mandate.clientId, caller);
  }
  if (to === 'ARCHIVED') await stopAccountsOfArchivedMandate(em, mandate.id, caller);
  return row;
}

/**
 * An archived mandate no longer covers its accounts: those the bank may deliver for are stopped
 * (by the holder, whose office archived it), so connectors refuses their later entries. The bank
 * cannot reactivate them while the mandate stays archived (CODA_MANDATE_ARCHIVED).
 */
async function stopAccountsOfArchivedMandate(em: EntityManager, mandateId: string, caller: Caller) {
  const accounts = (await em.query(
    `SELECT ${BANK_ACCOUNT_COLUMNS} FROM bank_account WHERE coda_mandate_id = $1 ORDER BY id FOR UPDATE`,
    [mandateId],
  )) as BankAccountRow[];
  for (const account of accounts)
    if (BANK_ACCOUNT_MACHINE.canMove(account.state, 'STOPPED_BY_HOLDER'))
      await moveBankAccount(em, account, 'STOPPED_BY_HOLDER', 'CODA mandate archived', caller);
}

/** Moves a bank account along its table; activation emits BankAccountActivated (others react to it). */
export async function moveBankAccount(
  em: EntityManager,
  account: BankAccountRow,
  to: BankAccountState,
  reason: string,
  caller: Caller,
): Promise<BankAccountRow> {
  BANK_ACCOUNT_MACHINE.assertMove(account.state, to);
  const activating = to === 'ACTIVE_WAITING_FOR_FIRST_FILE';
  const [updated] = (await em.query(
    `UPDATE bank_account SET state = $2, updated_at = now(), activated_at = CASE WHEN $3::boolean THEN now() ELSE activated_at END
      WHERE id = $1 RETURNING ${BANK_ACCOUNT_COLUMNS}`,
    [account.id, to, activating],
  )) as [BankAccountRow[], number];
  const row = updated[0]!;
  const events: OutboxEvent[] = [
    bankAccountStateChangedEvent(account, account.state, to, { reason, ...caller }),
  ];
  if (activating)
    events.push(bankAccountActivatedEvent(row, row.activatedAt ?? new Date(), caller.correlationId));
  await recordHistory(em, [
    {
      aggregate: 'BANK_ACCOUNT',
      aggregateId: account.id,
      officeId: account.officeId,
      fromState: account.state,
      toState: to,
      reason,
      actor: caller.actor,
    },
  ]);
  await appendToOutbox(em, events);
  return row;
}
