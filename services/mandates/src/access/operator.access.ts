import { forbidden, unauthenticated, type Principal } from '@fidu/service-kit/domain';

/**
 * Reference data editing and support actions are a platform operator's only: the operator's user
 * id; anonymous → UNAUTHENTICATED, anyone else → FORBIDDEN.
 */
export function requireOperator(principal: Principal, what: string): string {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'operator') throw forbidden(`Only a platform operator can ${what}.`);
  return principal.userId;
}
