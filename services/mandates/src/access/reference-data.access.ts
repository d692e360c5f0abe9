import { unauthenticated, type Principal } from '@fidu/service-kit/domain';

/** Reference data is for every signed-in caller (office, partner, company…); anonymous callers are refused. */
export function requireSignedIn(principal: Principal): Exclude<Principal, { kind: 'anonymous' }> {
  if (principal.kind === 'anonymous') throw unauthenticated();
  return principal;
}
