import { DomainError, forbidden, requireUuid, type Principal } from '@fidu/service-kit/domain';
import type { CompanyScope } from '../domain/approved-company';
import { companyNotFound } from '../domain/approved-company.errors';
import { companySideScope } from './titres.access';

/**
 * Which approved companies the caller may read and act on: an office those it registered, a
 * company only itself. Everyone else (partners, voucher users, operators) is refused here, so
 * no resolver can forget it; the scope then filters every SQL statement.
 */
export function companyScopeOf(principal: Principal): CompanyScope {
  if (principal.kind !== 'anonymous' && principal.kind !== 'office' && principal.kind !== 'company') {
    throw forbidden('Only an accounting office or the approved company itself can do this.');
  }
  // The same scope as the company side of prestations and billing (UNAUTHENTICATED when anonymous).
  return companySideScope(principal);
}

/** The company the caller is signed in as; only company accounts have one. */
export function requireCompany(principal: Principal): string {
  const scope = companyScopeOf(principal);
  if (scope.kind !== 'company')
    throw forbidden('Only an approved company has its own company: offices ask for approvedCompany(id).');
  return scope.companyId;
}

/** Finds an approved company within the caller's scope (the request's loader); null when not there. */
export interface CompanyInScopeLookup {
  load(id: string): Promise<{ id: string } | null>;
}

/**
 * The company a company-side query is about: a company's own (companyId optional, another id is
 * not found), or one of the office's companies (companyId required). Voucher users are refused.
 */
export async function companyOf(
  principal: Principal,
  companyId: string | null | undefined,
  companies: CompanyInScopeLookup,
): Promise<string> {
  const scope = companySideScope(principal);
  if (companyId == null) {
    if (scope.kind === 'company') return scope.companyId;
    throw new DomainError('TS_COMPANY_REQUIRED', 'Name the approved company (companyId).', 'companyId');
  }
  const company = await companies.load(requireUuid(companyId, 'companyId'));
  if (!company) throw companyNotFound();
  return company.id;
}
