import type { EntityManager } from 'typeorm';
import type { PrestationState } from '../domain/prestation-states';
import type { TitresScope } from '../domain/titres-scope';

/** A prestation row as read from SQL (snake_case columns mapped to camelCase). */
export interface PrestationRow {
  id: string;
  officeId: string;
  companyId: string;
  workerId: string;
  voucherUserId: string;
  performedOn: string;
  hours: number;
  activity: string;
  encodedBy: 'WORKER' | 'COMPANY';
  state: PrestationState;
  periodEndsOn: string;
  vouchersAttributed: number;
  vouchersReimbursementRequested: number;
  attributionRounds: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The select list that yields a PrestationRow (alias `p`). */
export const PRESTATION_COLUMNS = `p.id, p.office_id AS "officeId", p.company_id AS "companyId", p.worker_id AS "workerId",
  p.voucher_user_id AS "voucherUserId", to_char(p.performed_on, 'YYYY-MM-DD') AS "performedOn", p.hours, p.activity,
  p.encoded_by AS "encodedBy", p.state, to_char(p.period_ends_on, 'YYYY-MM-DD') AS "periodEndsOn",
  p.vouchers_attributed AS "vouchersAttributed", p.vouchers_reimbursement_requested AS "vouchersReimbursementRequested",
  p.attribution_rounds AS "attributionRounds", p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version`;

/**
 * SQL condition (alias `p`) that keeps only what the scope may see, with its parameter appended to
 * `params`: an office its companies' prestations, a company its own, a voucher user theirs.
 */
export function prestationScopeSql(scope: TitresScope, params: unknown[]): string {
  switch (scope.kind) {
    case 'office':
      params.push(scope.officeId);
      return `p.office_id = $${params.length}`;
    case 'company':
      params.push(scope.companyId);
      return `p.company_id = $${params.length}`;
    case 'voucher_user':
      params.push(scope.voucherUserId);
      return `p.voucher_user_id = $${params.length}`;
  }
}

/** One prestation in scope, optionally locked for the rest of the transaction. */
export async function findPrestation(
  em: EntityManager,
  scope: TitresScope | null,
  id: string,
  lock = false,
): Promise<PrestationRow | null> {
  const params: unknown[] = [id];
  const where = scope ? ` AND ${prestationScopeSql(scope, params)}` : '';
  const rows = (await em.query(
    `SELECT ${PRESTATION_COLUMNS} FROM prestation p WHERE p.id = $1${where}${lock ? ' FOR UPDATE' : ''}`,
    params,
  )) as PrestationRow[];
  return rows[0] ?? null;
}
