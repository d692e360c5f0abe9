import { forbidden, requireUuid, unauthenticated, type Principal } from '@fidu/service-kit';
import type { CompanyScope } from './approved-company';

/**
 * Which approved companies the caller may read and act on: an office those it registered, a
 * company only itself. Everyone else (partners, voucher users, operators) is refused here, so
 * no resolver can forget it; the scope then filters every SQL statement.
 */
export function companyScopeOf(principal: Principal): CompanyScope {
  switch (principal.kind) {
    case 'anonymous':
      throw unauthenticated();
    case 'office':
      return { kind: 'office', officeId: principal.officeId };
    case 'company':
      // The id comes signed from the gateway, yet it still must not reach SQL unchecked.
      return { kind: 'company', companyId: requireUuid(principal.companyId, 'principal.companyId') };
    default:
      throw forbidden('Only an accounting office or the approved company itself can do this.');
  }
}

/** The company the caller is signed in as; only company accounts have one. */
export function requireCompany(principal: Principal): string {
  const scope = companyScopeOf(principal);
  if (scope.kind !== 'company')
    throw forbidden('Only an approved company has its own company: offices ask for approvedCompany(id).');
  return scope.companyId;
}
