import type { DataSource } from 'typeorm';
import {
  keyCursor,
  keysetSql,
  pageSize,
  toConnection,
  type Connection,
  type KeysetOrder,
} from '@fidu/service-kit';

/** What every list takes: `first` (1..100, default 20) and the cursor to start `after`. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Newest first on (created_at, id), the order of prestations, remises, pickups and direct debits. */
export function newestFirst<T extends { createdAt: Date; id: string }>(alias = ''): KeysetOrder<T> {
  const prefix = alias ? `${alias}.` : '';
  return {
    columns: [`${prefix}created_at`, `${prefix}id`],
    kinds: ['timestamp', 'uuid'],
    direction: 'DESC',
    positionOf: (row) => [row.createdAt, row.id],
  };
}

/**
 * One page of rows read by `select` (a statement ending in `WHERE <conditions>`, with its
 * parameters) in the keyset `order`: one statement whatever the page's size.
 */
export async function keysetPage<T>(
  ds: DataSource,
  select: { sql: string; params: unknown[] },
  order: KeysetOrder<T>,
  args: PageArgs,
): Promise<Connection<T>> {
  const first = pageSize(args.first);
  const params = [...select.params];
  const keyset = keysetSql(order, args.after, params);
  params.push(first + 1);
  const rows = (await ds.query(
    `${select.sql}${keyset.where ? ` AND ${keyset.where}` : ''} ORDER BY ${keyset.orderBy} LIMIT $${params.length}`,
    params,
  )) as T[];
  return toConnection(rows, { first, cursorOf: keyCursor(order.positionOf) });
}

/**
 * A page of one company's rows of `table`, newest first. The company was checked against the
 * caller's scope before.
 */
export function companyListPage<T extends { id: string; createdAt: Date }>(
  ds: DataSource,
  list: { table: string; columns: string; companyId: string },
  args: PageArgs,
): Promise<Connection<T>> {
  return keysetPage(
    ds,
    { sql: `SELECT ${list.columns} FROM ${list.table} WHERE company_id = $1`, params: [list.companyId] },
    newestFirst<T>(),
    args,
  );
}
