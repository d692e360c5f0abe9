import { DomainError, forbidden, requireOffice, unauthenticated, type PartnerType } from '@fidu/service-kit';
import type { MandatesContext } from '../context';
import { actorOf, type Caller } from '../use-cases/caller';

/** The caller's office id; anyone else is refused. */
export function officeIdOf(ctx: MandatesContext): string {
  return requireOffice(ctx.principal).officeId;
}

/**
 * The caller's partner id when it is a partner of that type; anyone else is refused. Bank and
 * secretariat ids are reference-data ids (UUIDs): anything else is no partner of ours.
 */
export function partnerIdOf(ctx: MandatesContext, type: PartnerType): string {
  const p = ctx.principal;
  if (p.kind === 'anonymous') throw unauthenticated();
  if (p.kind !== 'partner' || p.partnerType !== type)
    throw forbidden(`Only a ${type.toLowerCase().replace('_', ' ')} partner can do this.`);
  if (type !== 'SOFTWARE_VENDOR' && !UUID.test(p.partnerId)) throw forbidden('Unknown partner.');
  return type === 'SOFTWARE_VENDOR' ? p.partnerId : p.partnerId.toLowerCase();
}

export function callerOf(ctx: MandatesContext): Caller {
  return { actor: actorOf(ctx.principal), correlationId: ctx.requestId };
}

/** A representation's id, or null when it cannot be an id (never sent to SQL). */
export function idOrNull(id: string): string | null {
  try {
    return requireUuidLoose(id);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function requireUuidLoose(id: string): string {
  if (typeof id !== 'string' || !UUID.test(id)) throw new DomainError('INVALID_ID', 'not an id');
  return id.toLowerCase();
}

export const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export const historyResolver = (row: { id: string }, _a: unknown, ctx: MandatesContext) =>
  ctx.loaders.historyByAggregateId.load(row.id).then((rows) => rows.map((h) => ({ ...h, at: iso(h.at) })));
