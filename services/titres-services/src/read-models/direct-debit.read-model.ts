import type { DataSource } from 'typeorm';
import type { DirectDebitState } from '../domain/direct-debit-states';
import type { Connection } from '@fidu/service-kit';
import { companyListPage, type PageArgs } from './company-list.read-model';

/** A direct-debit (domiciliation) request as stored. */
export interface DirectDebitRow {
  id: string;
  officeId: string;
  companyId: string;
  iban: string;
  accountHolder: string;
  state: DirectDebitState;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The select list that yields a DirectDebitRow. */
export const DIRECT_DEBIT_COLUMNS = `id, office_id AS "officeId", company_id AS "companyId", iban, account_holder AS "accountHolder", state, reason,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A page of the company's direct-debit requests, newest first. */
export function directDebitRequestPage(
  ds: DataSource,
  companyId: string,
  args: PageArgs,
): Promise<Connection<DirectDebitRow>> {
  return companyListPage(
    ds,
    { table: 'direct_debit_request', columns: DIRECT_DEBIT_COLUMNS, companyId },
    args,
  );
}
