import { And, Equal, FindOperator, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import type { CompanyScope } from '../domain/approved-company';
import { companyNotFound } from '../domain/approved-company.errors';
import { ApprovedCompanyEntity } from './approved-company.entity';

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

/** The company in scope, locked for the transaction; TS_COMPANY_NOT_FOUND otherwise. */
export async function companyInScope(
  em: EntityManager,
  scope: CompanyScope,
  companyId: string,
): Promise<ApprovedCompanyEntity> {
  const company = await em.findOne(ApprovedCompanyEntity, {
    where: inCompanyScope(scope, { id: requireUuid(companyId, 'companyId') }),
    lock: { mode: 'pessimistic_write' },
  });
  if (!company) throw companyNotFound();
  return company;
}
