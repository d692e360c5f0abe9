import type { DataSource } from 'typeorm';
import { DomainError, decodeCursor, encodeCursor, pageSize, requireUuid } from '@fidu/service-kit';

/** A page of a list as every Relay connection of this API shows it. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The page size (`first`: 1..100, default 20; INVALID_PAGE_SIZE otherwise). */
export const pageSizeOf = (first: number | null | undefined): number => pageSize(first, 100, 20);

/**
 * The keyset position `after` points at: an instant and a text tie-breaker, as `cursorOf` encodes
 * them; INVALID_CURSOR for anything this API did not issue.
 */
export function positionAfter(after: string): [Date, string] {
  const [at, key] = decodeCursor(after);
  if (typeof at !== 'string' || typeof key !== 'string' || Number.isNaN(Date.parse(at))) {
    throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API issued.', 'after');
  }
  return [new Date(at), key];
}

/** The opaque cursor of a row at (instant, tie-breaker). */
export const cursorOf = (at: Date, key: string): string => encodeCursor([at.toISOString(), key]);

/** The connection of `rows` read with LIMIT size + 1: the extra row only says a next page exists. */
export function toConnection<T>(
  rows: T[],
  size: number,
  positionOf: (row: T) => [Date, string],
): Connection<T> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(...positionOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/**
 * A page of one company's rows of `table`, newest first, keyset-paged on (created_at, id): one
 * statement whatever the page's size. The company was checked against the caller's scope before.
 */
export async function newestFirstPage<T extends { id: string; createdAt: Date }>(
  ds: DataSource,
  list: { table: string; columns: string; companyId: string },
  args: { first?: number | null; after?: string | null },
): Promise<Connection<T>> {
  const size = pageSizeOf(args.first);
  const params: unknown[] = [list.companyId];
  let keyset = '';
  if (args.after) {
    const [at, id] = positionAfter(args.after);
    params.push(at, requireUuid(id, 'after'));
    keyset = 'AND (created_at, id) < ($2, $3)';
  }
  params.push(size + 1);
  const rows = (await ds.query(
    `SELECT ${list.columns} FROM ${list.table} WHERE company_id = $1 ${keyset}
     ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  )) as T[];
  return toConnection(rows, size, (r) => [r.createdAt, r.id]);
}
