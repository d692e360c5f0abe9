import { And, Equal, FindOperator, type FindOptionsWhere } from 'typeorm';
import type { CompanyScope } from '../domain/approved-company';
import type { ApprovedCompanyEntity } from './approved-company.entity';

/**
 * Narrows a query of approved companies to the caller's scope: the office's own companies, or
 * the signed-in company only. Both conditions hold, so another office's or company's id finds
 * nothing (never the caller's own company instead).
 */
export function inCompanyScope(
  scope: CompanyScope,
  where: FindOptionsWhere<ApprovedCompanyEntity>,
): FindOptionsWhere<ApprovedCompanyEntity> {
  if (scope.kind === 'office') return { ...where, officeId: scope.officeId };
  if (where.id === undefined) return { ...where, id: scope.companyId };
  const requested = where.id instanceof FindOperator ? where.id : Equal(where.id as string);
  return { ...where, id: And(requested, Equal(scope.companyId)) };
}
