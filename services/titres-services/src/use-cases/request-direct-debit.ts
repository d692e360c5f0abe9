import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox, DomainError, requireUuid } from '@fidu/service-kit';
import { companyInScope } from '../db/approved-company.repository';
import { InputChecker } from '../domain/approved-company-validation';
import { parseIban } from '../domain/iban';
import type { CompanySideScope } from '../domain/titres-scope';
import { directDebitStateChangedEvent } from '../events/direct-debit-events';
import type { DirectDebitRow } from '../read-models/direct-debit.read-model';

/**
 * Billing tab: asks that invoices be paid by direct debit (domiciliation) from an IBAN (mod-97
 * checked). One open request (requested or active) per company (TS_DIRECT_DEBIT_ALREADY_OPEN).
 */
export async function requestDirectDebit(
  ds: DataSource,
  scope: CompanySideScope,
  input: { companyId: string; iban: string; accountHolder: string },
  now = new Date(),
): Promise<DirectDebitRow> {
  requireUuid(input.companyId, 'companyId');
  const check = new InputChecker();
  const holder = check.name(input.accountHolder, 'accountHolder', 'TS_ACCOUNT_HOLDER_INVALID', 200);
  let iban = input.iban;
  try {
    iban = parseIban(input.iban);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    check.done();
    throw error;
  }
  check.done();
  return ds.transaction(async (em) => {
    const company = await companyInScope(em, scope, input.companyId);
    const open = (await em.query(
      `SELECT id FROM direct_debit_request WHERE company_id = $1 AND state IN ('REQUESTED','ACTIVE')`,
      [company.id],
    )) as unknown[];
    if (open.length > 0) {
      throw new DomainError(
        'TS_DIRECT_DEBIT_ALREADY_OPEN',
        'This company already has a direct debit requested or active; cancel it first.',
        'companyId',
      );
    }
    const row: DirectDebitRow = {
      id: randomUUID(),
      officeId: company.officeId,
      companyId: company.id,
      iban,
      accountHolder: holder,
      state: 'REQUESTED',
      reason: null,
      createdAt: now,
      updatedAt: now,
    };
    await em.query(
      `INSERT INTO direct_debit_request (id, office_id, company_id, iban, account_holder, state, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'REQUESTED', $6, $6)`,
      [row.id, row.officeId, row.companyId, iban, holder, now],
    );
    await appendToOutbox(em, [directDebitStateChangedEvent(row, '', now)]);
    return row;
  });
}
