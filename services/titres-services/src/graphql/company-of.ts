import { DomainError, requireUuid } from '@fidu/service-kit';
import type { TitresServicesContext } from '../context';
import { companyNotFound } from '../domain/approved-company.errors';
import { companySideScope } from '../domain/titres-access';

/**
 * The company a company-side query is about: a company's own (companyId optional, another id is
 * not found), or one of the office's companies (companyId required). Voucher users are refused.
 */
export async function companyOf(
  ctx: TitresServicesContext,
  companyId: string | null | undefined,
): Promise<string> {
  const scope = companySideScope(ctx.principal);
  if (companyId == null) {
    if (scope.kind === 'company') return scope.companyId;
    throw new DomainError('TS_COMPANY_REQUIRED', 'Name the approved company (companyId).', 'companyId');
  }
  const company = await ctx.loaders.approvedCompanyById.load(requireUuid(companyId, 'companyId'));
  if (!company) throw companyNotFound();
  return company.id;
}
