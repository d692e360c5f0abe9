import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, DomainError, encodeCursor, pageSize } from '@fidu/service-kit';

export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * A newest-first page of rows (keyset on created_at, id): two statements whatever the page size.
 * `where` are SQL conditions over `params` ($1…); the cursor's parameters are added after them.
 */
export async function newestFirstPage<T extends { id: string; createdAt: Date }>(
  db: DataSource | EntityManager,
  query: { table: string; columns: string; where: string[]; params: unknown[] },
  args: { first?: number | null; after?: string | null },
): Promise<Page<T>> {
  const first = pageSize(args.first);
  const where = [...query.where];
  const params = [...query.params];
  const count = (await db.query(
    `SELECT count(*)::int AS n FROM ${query.table} WHERE ${where.join(' AND ') || 'true'}`,
    params,
  )) as { n: number }[];
  if (args.after) {
    const [at, id] = decodeCursor(args.after);
    if (
      typeof at !== 'string' ||
      typeof id !== 'string' ||
      Number.isNaN(Date.parse(at)) ||
      !/^[0-9a-f-]{36}$/.test(id)
    ) {
      throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API issued.', 'after');
    }
    params.push(at, id);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(first + 1);
  const rows = (await db.query(
    `SELECT ${query.columns} FROM ${query.table} WHERE ${where.join(' AND ') || 'true'} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  )) as T[];
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    },
    totalCount: count[0]!.n,
  };
}

/** Adds an optional equality filter: pushes the value and returns the condition. */
export function filterOn(where: string[], params: unknown[], column: string, value: unknown): void {
  if (value === undefined || value === null) return;
  params.push(value);
  where.push(`${column} = $${params.length}`);
}

/**
 * The office's rows of one table, newest first, filtered by any of the given equality filters
 * (`{ client_id: …, state: … }`; absent values are ignored). The same query for every mandate list.
 */
export function officePage<T extends { id: string; createdAt: Date }>(
  db: DataSource | EntityManager,
  officeId: string,
  query: { table: string; columns: string; filters: Record<string, unknown> },
  args: { first?: number | null; after?: string | null },
): Promise<Page<T>> {
  const where = ['office_id = $1'];
  const params: unknown[] = [officeId];
  for (const [column, value] of Object.entries(query.filters)) filterOn(where, params, column, value);
  return newestFirstPage<T>(db, { table: query.table, columns: query.columns, where, params }, args);
}
