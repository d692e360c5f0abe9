import { forbidden, unauthenticated, type Principal } from '@fidu/service-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The bank a partner principal speaks for (its partnerId is the bank's reference-data id). */
export function requireBank(principal: Principal): string {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'partner' || principal.partnerType !== 'BANK')
    throw forbidden('Only a bank can do this.');
  if (!UUID.test(principal.partnerId)) throw forbidden('Unknown bank.');
  return principal.partnerId.toLowerCase();
}

/** The software a vendor partner speaks for (its partnerId is the connector software slug, e.g. octopus). */
export function requireSoftwareVendor(principal: Principal): string {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'partner' || principal.partnerType !== 'SOFTWARE_VENDOR')
    throw forbidden('Only the software vendor can do this.');
  return principal.partnerId;
}
