import { decodeKeyset, type CursorPart } from './cursor';

/**
 * A keyset order: the sort key's SQL expressions (most significant first, the last one unique,
 * usually the id), what each cursor part is, and the direction. Paging then costs one indexed
 * range scan whatever the page, unlike OFFSET.
 */
export interface KeysetOrder<T> {
  columns: readonly string[];
  kinds: readonly CursorPart[];
  direction: 'ASC' | 'DESC';
  /** The row's sort key, in the columns' order (what its cursor encodes). */
  positionOf(row: T): readonly unknown[];
}

/**
 * The keyset's SQL for raw queries with positional parameters: the condition that starts after
 * the cursor (its values pushed onto `params`, null without a cursor) and the ORDER BY list.
 */
export function keysetSql<T>(
  order: KeysetOrder<T>,
  after: string | null | undefined,
  params: unknown[],
): { where: string | null; orderBy: string } {
  const orderBy = order.columns.map((c) => `${c} ${order.direction}`).join(', ');
  if (!after) return { where: null, orderBy };
  const placeholders = decodeKeyset(after, order.kinds).map((value) => {
    params.push(value);
    return `$${params.length}`;
  });
  const op = order.direction === 'ASC' ? '>' : '<';
  return { where: `(${order.columns.join(', ')}) ${op} (${placeholders.join(', ')})`, orderBy };
}

/** The same for TypeORM query builders (named parameters `keyset0`, `keyset1`, …). */
export function keysetNamed<T>(
  order: KeysetOrder<T>,
  after: string | null | undefined,
): { where: string | null; params: Record<string, unknown> } {
  if (!after) return { where: null, params: {} };
  const values = decodeKeyset(after, order.kinds);
  const params = Object.fromEntries(values.map((v, i) => [`keyset${i}`, v]));
  const op = order.direction === 'ASC' ? '>' : '<';
  const names = values.map((_, i) => `:keyset${i}`).join(', ');
  return { where: `(${order.columns.join(', ')}) ${op} (${names})`, params };
}
