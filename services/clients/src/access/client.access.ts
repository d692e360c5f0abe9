import { requireOffice, type Principal } from '@fidu/service-kit/domain';

/**
 * Clients belong to an accounting office: only an office principal reads, creates, edits or
 * imports them, and only its own office's. Anyone else is refused (UNAUTHENTICATED without a token,
 * FORBIDDEN for a partner, a company or an operator). Returns the office every query is scoped to.
 */
export function clientOfficeOf(principal: Principal): string {
  return requireOffice(principal).officeId;
}

/**
 * The same rule for a Client another subgraph refers to (a mandate's or a connector's client): a
 * caller who is not an office gets null rather than an error, so a partner's list that names
 * clients does not fail because of them.
 */
export function clientOfficeOrNull(principal: Principal): string | null {
  return principal.kind === 'office' ? principal.officeId : null;
}
