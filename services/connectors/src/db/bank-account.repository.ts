import type { EntityManager } from 'typeorm';

/** An IBAN known to be active for a client dossier: its entries may flow. */
export interface BankAccountRow {
  iban: string;
  officeId: string;
  clientId: string;
  bankAccountId: string | null;
  bankId: string | null;
  activatedAt: Date;
  activatedBy: 'MANDATES_EVENT' | 'BANK_PARTNER';
  /** Brussels date mandates stopped the account; null while it is active. */
  stoppedOn: string | null;
  /** Entries refused because they were booked after the stop. */
  refusedEntryCount: number;
}

const COLUMNS = `iban, office_id AS "officeId", client_id AS "clientId", bank_account_id AS "bankAccountId",
  bank_id AS "bankId", activated_at AS "activatedAt", activated_by AS "activatedBy",
  to_char(stopped_on, 'YYYY-MM-DD') AS "stoppedOn", refused_entry_count AS "refusedEntryCount"`;

/**
 * Marks an IBAN active for a client (idempotent). The last activation names the holder and the bank
 * (mandates is the authority on who holds an account and at which bank); a replayed activation
 * keeps the earliest activation date of the same holder. An activation lifts a stop (a reactivated
 * account resumes).
 */
export async function markBankAccountActive(
  em: EntityManager,
  a: Omit<BankAccountRow, 'stoppedOn' | 'refusedEntryCount'>,
): Promise<BankAccountRow> {
  const [row] = (await em.query(
    `INSERT INTO bank_account (iban, office_id, client_id, bank_account_id, bank_id, activated_at, activated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (iban) DO UPDATE SET
       activated_at = CASE WHEN bank_account.office_id = EXCLUDED.office_id AND bank_account.client_id = EXCLUDED.client_id
                           THEN LEAST(bank_account.activated_at, EXCLUDED.activated_at) ELSE EXCLUDED.activated_at END,
       office_id = EXCLUDED.office_id,
       client_id = EXCLUDED.client_id,
       bank_account_id = COALESCE(EXCLUDED.bank_account_id, bank_account.bank_account_id),
       bank_id = EXCLUDED.bank_id,
       activated_by = EXCLUDED.activated_by,
       stopped_on = NULL,
       stopped_state = NULL
     RETURNING ${COLUMNS}`,
    [a.iban, a.officeId, a.clientId, a.bankAccountId, a.bankId, a.activatedAt, a.activatedBy],
  )) as BankAccountRow[];
  return row!;
}

/** The active account of an IBAN, locked for the rest of the transaction. */
export async function lockBankAccount(em: EntityManager, iban: string): Promise<BankAccountRow | undefined> {
  const [row] = (await em.query(`SELECT ${COLUMNS} FROM bank_account WHERE iban = $1 FOR UPDATE`, [
    iban,
  ])) as BankAccountRow[];
  return row;
}

/** Why an account stopped, as mandates says. */
export type BankAccountStop = 'STOPPED_BY_HOLDER' | 'STOPPED_BY_BANK';

/** The account mandates activation created (not a later holder's), by IBAN and mandates' account id. */
interface AccountOfActivation {
  iban: string;
  bankAccountId: string;
}

/** Records a stop with its Brussels date: entries booked after it are refused from then on. */
export async function markBankAccountStopped(
  em: EntityManager,
  a: AccountOfActivation,
  stoppedOn: string,
  state: BankAccountStop,
): Promise<void> {
  await em.query(
    `UPDATE bank_account SET stopped_on = $3, stopped_state = $4 WHERE iban = $1 AND bank_account_id = $2`,
    [a.iban, a.bankAccountId, stoppedOn, state],
  );
}

/** The account is active again: its stop is lifted. */
export async function liftBankAccountStop(em: EntityManager, a: AccountOfActivation): Promise<void> {
  await em.query(
    `UPDATE bank_account SET stopped_on = NULL, stopped_state = NULL WHERE iban = $1 AND bank_account_id = $2`,
    [a.iban, a.bankAccountId],
  );
}
