/**
 * A DataLoader batch function must answer one value per key, in the keys' order; SQL returns rows
 * in any order, some keys without a row. These put the rows back in the keys' order.
 */

/** Each key's row, or null when none came back. */
export function rowPerKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

/** Each key's rows, in the order they came back (empty when none). */
export function rowsPerKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
