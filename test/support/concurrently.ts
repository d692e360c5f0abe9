/**
 * `task` for each of `items`, at most `limit` at a time; the results in the items' order. For
 * setting up many rows through the gateway: one after the other, a hundred clients that each wait
 * for their event to reach another service took over a minute on a loaded machine.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
