import type { EntityManager } from 'typeorm';
import type { TitresScope } from '../domain/titres-scope';
import { PRESTATION_COLUMNS, type PrestationRow } from './prestation.mapping';

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
