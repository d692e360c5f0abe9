import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  addDays,
  appendToOutbox,
  DomainError,
  requireUuid,
  ValidationError,
  wallClockOf,
} from '@fidu/service-kit';
import { ApprovedCompanyEntity } from '../db/approved-company.entity';
import { inCompanyScope } from '../db/in-company-scope';
import { companyNotFound } from '../domain/approved-company.errors';
import { InputChecker } from '../domain/approved-company-validation';
import { nextDirectDebitState, type DirectDebitAction } from '../domain/direct-debit-states';
import { parseIban } from '../domain/iban';
import type { CompanySideScope } from '../domain/titres-scope';
import { directDebitNotFound } from '../domain/titres.errors';
import { directDebitStateChangedEvent } from '../events/direct-debit-events';
import { DIRECT_DEBIT_COLUMNS, type DirectDebitRow } from '../read-models/direct-debit.read-model';

/** The company in scope, locked for the transaction; TS_COMPANY_NOT_FOUND otherwise. */
export async function companyInScope(
  em: EntityManager,
  scope: CompanySideScope,
  companyId: string,
): Promise<ApprovedCompanyEntity> {
  const company = await em.findOne(ApprovedCompanyEntity, {
    where: inCompanyScope(scope, { id: requireUuid(companyId, 'companyId') }),
    lock: { mode: 'pessimistic_write' },
  });
  if (!company) throw companyNotFound();
  return company;
}

/** Billing tab: replaces the financial contact person (validated like at registration). */
export async function updateFinancialContact(
  ds: DataSource,
  scope: CompanySideScope,
  input: { companyId: string; name: string; email: string; phone?: string | null },
): Promise<ApprovedCompanyEntity> {
  requireUuid(input.companyId, 'companyId');
  const check = new InputChecker();
  const name = check.name(input.name, 'name', 'TS_CONTACT_NAME_INVALID', 200);
  const email = check.email(input.email, 'email');
  const phone = check.phone(input.phone, 'phone');
  check.done();
  return ds.transaction(async (em) => {
    const company = await companyInScope(em, scope, input.companyId);
    Object.assign(company, {
      financialContactName: name,
      financialContactEmail: email,
      financialContactPhone: phone,
      updatedAt: new Date(),
      version: company.version + 1,
    });
    await em.save(company);
    return company;
  });
}

export interface PickupRow {
  id: string;
  officeId: string;
  companyId: string;
  pickupOn: string;
  envelopeCount: number;
  voucherCount: number;
  state: string;
  createdAt: Date;
}

/**
 * Asks for a pickup (enlèvement) of paper vouchers: on a Belgian business day from tomorrow to
 * 60 days ahead; 1–50 envelopes, 1–10 000 vouchers.
 */
export async function requestPaperVoucherPickup(
  ds: DataSource,
  scope: CompanySideScope,
  input: { companyId: string; pickupOn: string; envelopeCount: number; voucherCount: number },
  isBusinessDay: (date: string) => boolean,
  now = new Date(),
): Promise<PickupRow> {
  requireUuid(input.companyId, 'companyId');
  const today = wallClockOf(now).date;
  const problems: { field: string; code: string; message: string }[] = [];
  const d = input.pickupOn;
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (!isDate || d <= today || d > addDays(today, 60) || !isBusinessDay(d)) {
    problems.push({
      field: 'pickupOn',
      code: 'TS_PICKUP_DATE_INVALID',
      message: 'pickupOn must be a Belgian business day from tomorrow to 60 days ahead.',
    });
  }
  if (!Number.isInteger(input.envelopeCount) || input.envelopeCount < 1 || input.envelopeCount > 50) {
    problems.push({
      field: 'envelopeCount',
      code: 'TS_PICKUP_COUNT_INVALID',
      message: 'envelopeCount must be 1 to 50.',
    });
  }
  if (!Number.isInteger(input.voucherCount) || input.voucherCount < 1 || input.voucherCount > 10000) {
    problems.push({
      field: 'voucherCount',
      code: 'TS_PICKUP_COUNT_INVALID',
      message: 'voucherCount must be 1 to 10 000.',
    });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return ds.transaction(async (em) => {
    const company = await companyInScope(em, scope, input.companyId);
    const row: PickupRow = {
      id: randomUUID(),
      officeId: company.officeId,
      companyId: company.id,
      pickupOn: d,
      envelopeCount: input.envelopeCount,
      voucherCount: input.voucherCount,
      state: 'REQUESTED',
      createdAt: now,
    };
    await em.query(
      `INSERT INTO paper_voucher_pickup (id, office_id, company_id, pickup_on, envelope_count, voucher_count, state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.officeId, row.companyId, d, row.envelopeCount, row.voucherCount, row.state, now],
    );
    return row;
  });
}

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

/**
 * Moves a direct-debit request along its table: the company (or office) cancels; an operator of
 * the platform accepts (the bank confirmed the mandate) or rejects it with a reason.
 */
export async function changeDirectDebit(
  ds: DataSource,
  scope: CompanySideScope | null,
  input: { requestId: string; action: DirectDebitAction; reason?: string | null },
  now = new Date(),
): Promise<DirectDebitRow> {
  const id = requireUuid(input.requestId, 'requestId');
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 500)
    throw new DomainError('TS_REASON_TOO_LONG', 'A reason has at most 500 characters.', 'reason');
  if (input.action === 'REJECT' && !reason) {
    throw new DomainError('TS_REJECTION_REASON_REQUIRED', 'Say why the direct debit is rejected.', 'reason');
  }
  return ds.transaction(async (em) => {
    const params: unknown[] = [id];
    let where = '';
    if (scope) {
      params.push(scope.kind === 'office' ? scope.officeId : scope.companyId);
      where = scope.kind === 'office' ? ' AND office_id = $2' : ' AND company_id = $2';
    }
    const [row] = (await em.query(
      `SELECT ${DIRECT_DEBIT_COLUMNS} FROM direct_debit_request WHERE id = $1${where} FOR UPDATE`,
      params,
    )) as DirectDebitRow[];
    if (!row) throw directDebitNotFound();
    const old = row.state;
    const next: DirectDebitRow = {
      ...row,
      state: nextDirectDebitState(row.state, input.action),
      reason,
      updatedAt: now,
    };
    await em.query(`UPDATE direct_debit_request SET state = $2, reason = $3, updated_at = $4 WHERE id = $1`, [
      id,
      next.state,
      reason,
      now,
    ]);
    await appendToOutbox(em, [directDebitStateChangedEvent(next, old, now)]);
    return next;
  });
}
