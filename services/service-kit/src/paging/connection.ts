import { encodeCursor } from './cursor';

/** The one Relay page info every subgraph shares (SDL: kit src/graphql/paging.graphql). */
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/**
 * A Relay connection. `nodes` repeats the edges' nodes for callers that need no per-row cursor;
 * `totalCount` is a value or a function, so a resolver runs the count only when it is asked for.
 */
export interface Connection<T, C = undefined> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: C;
}

export interface ConnectionOptions<T, C> {
  /** The page size asked for; `rows` holds up to first + 1 rows (the extra one says a page follows). */
  first: number;
  /** The row's opaque cursor (usually `encodeCursor` of its sort key). */
  cursorOf: (row: T) => string;
  totalCount?: C;
}

/** A connection from rows fetched with LIMIT first + 1. */
export function toConnection<T, C = undefined>(
  rows: readonly T[],
  options: ConnectionOptions<T, C>,
): Connection<T, C> {
  const nodes = rows.slice(0, options.first);
  const edges = nodes.map((node) => ({ cursor: options.cursorOf(node), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > options.first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: options.totalCount as C,
  };
}

/** `cursorOf` for a keyset: the cursor is the row's sort key (Dates become ISO text). */
export function keyCursor<T>(positionOf: (row: T) => readonly unknown[]): (row: T) => string {
  return (row) => encodeCursor(positionOf(row));
}
