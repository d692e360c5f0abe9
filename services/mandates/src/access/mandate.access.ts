import {
  actorOf,
  forbidden,
  requireOffice,
  unauthenticated,
  type PartnerType,
  type Principal,
} from '@fidu/service-kit/domain';
import type { Caller } from '../domain/caller';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An office acts on its own clients and mandates: its office id; anyone else is refused. */
export function officeScopeOf(principal: Principal): string {
  return requireOffice(principal).officeId;
}

/**
 * A bank or social secretariat acts on what is addressed to it: its partner id when it is a
 * partner of that type; anyone else is refused. Bank and secretariat ids are reference-data ids
 * (UUIDs): a token naming anything else is no partner of this service.
 */
export function partnerScopeOf(principal: Principal, type: Exclude<PartnerType, 'SOFTWARE_VENDOR'>): string {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'partner' || principal.partnerType !== type)
    throw forbidden(`Only a ${type.toLowerCase().replace('_', ' ')} partner can do this.`);
  if (!UUID.test(principal.partnerId)) throw forbidden('Unknown partner.');
  return principal.partnerId.toLowerCase();
}

/** Who may read one CODA mandate: a bank partner the mandates at its bank, an office its own. */
export function codaMandateReaderScope(principal: Principal): { bankId: string } | { officeId: string } {
  if (principal.kind === 'partner' && principal.partnerType === 'BANK')
    return { bankId: partnerScopeOf(principal, 'BANK') };
  return { officeId: officeScopeOf(principal) };
}

/**
 * Only the client's office sees its record and its mandates on a Client: the office id, or null
 * for anyone else (the fields then answer null, revealing nothing).
 */
export function clientFieldsScope(principal: Principal): string | null {
  return principal.kind === 'office' ? principal.officeId : null;
}

/** The actor label of a principal (the kit's one format), as the history and events show it. */
export { actorOf };

/** Who acts in this request, as the use cases record it. */
export function callerOf(principal: Principal, requestId: string): Caller {
  return { actor: actorOf(principal), correlationId: requestId };
}
