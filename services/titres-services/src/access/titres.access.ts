import { forbidden, requireUuid, unauthenticated, type Principal } from '@fidu/service-kit/domain';
import type { CompanySideScope, TitresScope } from '../domain/titres-scope';

/**
 * The caller's scope over prestations, wallets and billing; throws UNAUTHENTICATED / FORBIDDEN for
 * anyone else. Partners and operators see none of it (operators only decide direct-debit requests,
 * see `requireOperator`).
 */
export function titresScopeOf(principal: Principal): TitresScope {
  switch (principal.kind) {
    case 'anonymous':
      throw unauthenticated();
    case 'office':
      return { kind: 'office', officeId: principal.officeId };
    case 'company':
      return { kind: 'company', companyId: requireUuid(principal.companyId, 'principal.companyId') };
    case 'voucher_user':
      return {
        kind: 'voucher_user',
        voucherUserId: requireUuid(principal.voucherUserId, 'principal.voucherUserId'),
      };
    default:
      throw forbidden('Only an accounting office, an approved company or a voucher user can do this.');
  }
}

/** An office or company scope (company-side actions: validate, correct, remises, billing…). */
export function companySideScope(principal: Principal): CompanySideScope {
  const scope = titresScopeOf(principal);
  if (scope.kind === 'voucher_user')
    throw forbidden('Only the approved company (or its office) can do this.');
  return scope;
}

/** The signed-in voucher user (confirm, contest, order vouchers, wallet). */
export function requireVoucherUser(principal: Principal): string {
  const scope = titresScopeOf(principal);
  if (scope.kind !== 'voucher_user') throw forbidden('Only the voucher user can do this.');
  return scope.voucherUserId;
}

/** Platform operators only (they record the bank's answer to a direct-debit request). */
export function requireOperator(principal: Principal): void {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'operator') throw forbidden('Only a platform operator records the bank’s answer.');
}

/** Who did it, for the history: the kit's one actor format. */
export { actorOf } from '@fidu/service-kit/domain';
