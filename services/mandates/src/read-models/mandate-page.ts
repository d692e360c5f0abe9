import type { DataSource, EntityManager } from 'typeorm';
import {
  keyCursor,
  keysetSql,
  pageSize,
  toConnection,
  type Connection,
  type KeysetOrder,
} from '@fidu/service-kit';

/** What the read models read through: the data source, or a transaction's entity manager. */
export type ReadDb = DataSource | EntityManager;

/** `first`/`after` of a list query. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A Relay connection with the count of every matching row (all pages). */
export type Page<T> = Connection<T, number>;

/** Every mandate list: newest first, keyset on (created_at, id). */
const NEWEST_FIRST: KeysetOrder<{ id: string; createdAt: Date }> = {
  columns: ['created_at', 'id'],
  kinds: ['timestamp', 'uuid'],
  direction: 'DESC',
  positionOf: (row) => [row.createdAt, row.id],
};

/**
 * A newest-first page of rows: two statements (count, page) whatever the page size. `where` are
 * SQL conditions over `params` ($1…); the cursor's parameters are added after them.
 */
export async function newestFirstPage<T extends { id: string; createdAt: Date }>(
  db: ReadDb,
  query: { table: string; columns: string; where: string[]; params: unknown[] },
  args: PageArgs,
): Promise<Page<T>> {
  const first = pageSize(args.first);
  const where = [...query.where];
  const params = [...query.params];
  const count = (await db.query(
    `SELECT count(*)::int AS n FROM ${query.table} WHERE ${where.join(' AND ') || 'true'}`,
    params,
  )) as { n: number }[];
  const keyset = keysetSql(NEWEST_FIRST, args.after, params);
  if (keyset.where) where.push(keyset.where);
  params.push(first + 1);
  const rows = (await db.query(
    `SELECT ${query.columns} FROM ${query.table} WHERE ${where.join(' AND ') || 'true'} ORDER BY ${keyset.orderBy} LIMIT $${params.length}`,
    params,
  )) as T[];
  return toConnection(rows, {
    first,
    cursorOf: keyCursor(NEWEST_FIRST.positionOf),
    totalCount: count[0]!.n,
  });
}

/** Adds an optional equality filter: pushes the value and the condition (absent values are ignored). */
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
  db: ReadDb,
  officeId: string,
  query: { table: string; columns: string; filters: Record<string, unknown> },
  args: PageArgs,
): Promise<Page<T>> {
  const where = ['office_id = $1'];
  const params: unknown[] = [officeId];
  for (const [column, value] of Object.entries(query.filters)) filterOn(where, params, column, value);
  return newestFirstPage<T>(db, { table: query.table, columns: query.columns, where, params }, args);
}
