import { forbidden, unauthenticated, type Principal } from '@fidu/service-kit/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Only a bank partner delivers bank entries, and only for accounts activated at its own bank.
 * Returns the bank it speaks for (its partnerId is the bank's reference-data id).
 */
export function bankOf(principal: Principal): string {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'partner' || principal.partnerType !== 'BANK')
    throw forbidden('Only a bank can do this.');
  if (!UUID.test(principal.partnerId)) throw forbidden('Unknown bank.');
  return principal.partnerId.toLowerCase();
}
