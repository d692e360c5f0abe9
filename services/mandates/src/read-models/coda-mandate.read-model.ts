import { requireUuid, rowsPerKey } from '@fidu/service-kit';
import type { CodaState } from '../domain/coda-mandate';
import {
  BANK_ACCOUNT_COLUMNS,
  CODA_COLUMNS,
  type BankAccountRow,
  type CodaMandateRow,
} from '../db/mandate.mapping';
import { filterOn, newestFirstPage, officePage, type Page, type PageArgs, type ReadDb } from './mandate-page';

/** One CODA mandate the reader may see: at its bank (bank partner) or in its office; null otherwise. */
export async function findCodaMandate(
  db: ReadDb,
  idInput: string,
  scope: { bankId: string } | { officeId: string },
): Promise<CodaMandateRow | null> {
  const id = requireUuid(idInput, 'id');
  const [column, value] = 'bankId' in scope ? ['bank_id', scope.bankId] : ['office_id', scope.officeId];
  const [row] = (await db.query(`SELECT ${CODA_COLUMNS} FROM coda_mandate WHERE id = $1 AND ${column} = $2`, [
    id,
    value,
  ])) as CodaMandateRow[];
  return row ?? null;
}

export interface CodaMandateFilter {
  clientId?: string | null;
  state?: CodaState | null;
  toBePresentedAgain?: boolean | null;
}

/** The office's CODA mandates, newest first. */
export function officeCodaMandates(
  db: ReadDb,
  officeId: string,
  filter: CodaMandateFilter | null | undefined,
  args: PageArgs,
): Promise<Page<CodaMandateRow>> {
  const f = filter ?? {};
  return officePage<CodaMandateRow>(
    db,
    officeId,
    {
      table: 'coda_mandate',
      columns: CODA_COLUMNS,
      filters: {
        client_id: f.clientId ? requireUuid(f.clientId, 'filter.clientId') : null,
        state: f.state,
        to_be_presented_again: f.toBePresentedAgain,
      },
    },
    args,
  );
}

/** The CODA mandates addressed to a bank, newest first. */
export function bankCodaMandates(
  db: ReadDb,
  bankId: string,
  state: CodaState | null | undefined,
  args: PageArgs,
): Promise<Page<CodaMandateRow>> {
  const where = ['bank_id = $1'];
  const params: unknown[] = [bankId];
  filterOn(where, params, 'state', state);
  return newestFirstPage<CodaMandateRow>(
    db,
    { table: 'coda_mandate', columns: CODA_COLUMNS, where, params },
    args,
  );
}

/** The accounts of several mandates in one statement, by IBAN. */
export async function bankAccountsOfMandates(
  db: ReadDb,
  mandateIds: readonly string[],
): Promise<BankAccountRow[][]> {
  const rows = (await db.query(
    `SELECT ${BANK_ACCOUNT_COLUMNS} FROM bank_account WHERE coda_mandate_id = ANY($1::uuid[]) ORDER BY iban`,
    [[...mandateIds]],
  )) as BankAccountRow[];
  return rowsPerKey(mandateIds, rows, (r) => r.codaMandateId);
}
