import type { MandatesContext } from '../context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A representation's id, or null when it cannot be an id (so it never reaches SQL). */
export function idOrNull(id: string): string | null {
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : null;
}

/** A DateTime field's value: the instant in ISO-8601 UTC, or null. */
export const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The `history` field of a mandate, account or order: batched per request, oldest first. */
export const historyResolver = (row: { id: string }, _a: unknown, ctx: MandatesContext) =>
  ctx.loaders.historyByAggregateId.load(row.id).then((rows) => rows.map((h) => ({ ...h, at: iso(h.at) })));
