import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

/**
 * graphql-js `subscribe`, except that each event is executed as soon as it arrives instead of after
 * the previous one was sent: up to `maxInFlight` events of one subscription resolve concurrently (so
 * a burst is fetched from the supergraph in one batch, not one round trip after the other) and are
 * still delivered in order.
 */
export async function subscribePipelined(
  args: ExecutionArgs,
  maxInFlight = 32,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
  const source = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const inFlight: Promise<ExecutionResult>[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  let wakePump: (() => void) | undefined;
  const wake = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };

  void (async () => {
    while (!ended) {
      if (inFlight.length >= maxInFlight) {
        await new Promise<void>((resolve) => (wakePump = resolve));
        continue;
      }
      try {
        const next = await source.next();
        if (next.done) ended = true;
        else
          inFlight.push(
            Promise.resolve(execute({ ...args, rootValue: next.value })) as Promise<ExecutionResult>,
          );
      } catch (error) {
        failure = { error };
        ended = true;
      }
      wake();
    }
  })();

  const results: AsyncIterableIterator<ExecutionResult> & {
    return(): Promise<IteratorResult<ExecutionResult>>;
  } = {
    async next(): Promise<IteratorResult<ExecutionResult>> {
      for (;;) {
        const first = inFlight.shift();
        if (first) {
          wakePump?.();
          wakePump = undefined;
          return { value: await first, done: false };
        }
        if (failure) {
          const { error } = failure;
          failure = undefined;
          throw error;
        }
        if (ended) return { value: undefined, done: true };
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      }
    },
    async return(): Promise<IteratorResult<ExecutionResult>> {
      ended = true;
      inFlight.length = 0;
      wake();
      wakePump?.();
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
      await results.return();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return results;
}
