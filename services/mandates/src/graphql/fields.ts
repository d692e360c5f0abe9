import type { MandatesContext } from '../context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A representation's id, or null when it cannot be an id (so it never reaches SQL). */
export function idOrNull(id: string): string | null {
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : null;
}

/** A required DateTime field's value: the instant in ISO-8601 UTC. */
export const instant = (d: Date): string => new Date(d).toISOString();

/** An optional DateTime field's value: the instant in ISO-8601 UTC, or null. */
export const iso = (d: Date | null | undefined): string | null => (d ? instant(d) : null);

/** The `history` field of a mandate, account or order: batched per request, oldest first. */
export const historyResolver = (row: { id: string }, _a: unknown, ctx: MandatesContext) =>
  ctx.loaders.historyByAggregateId.load(row.id);

/**
 * A reference-data row a mandate points to. Foreign keys guarantee it exists, so a missing one is
 * a broken database, reported as an internal error rather than a null the schema does not allow.
 */
export function referenced<T>(rows: Map<string, T>, id: string): T {
  const row = rows.get(id);
  if (row === undefined) throw new Error(`reference-data row ${id} is missing`);
  return row;
}

/** A Client as the gateway hands it to this subgraph, and as this subgraph points to one: its key. */
export interface ClientRef {
  id: string;
}
