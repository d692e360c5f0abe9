/**
 * An async iterator fed by pushes, for one subscriber: graphql-js pulls from it, the event hub
 * pushes into it. At most `limit` values wait; a subscriber that falls further behind is ended with
 * `onOverflow()`'s error instead of growing the gateway's memory. `return()` (the subscriber left)
 * runs `onEnd` once, which frees the hub listener.
 */
export function createPushIterator<T>(options: { limit: number; onEnd(): void; onOverflow(): Error }): {
  iterator: AsyncIterableIterator<T>;
  push(value: T): void;
} {
  const queue: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let failure: Error | undefined;
  let done = false;

  const end = () => {
    if (done) return;
    done = true;
    queue.length = 0;
    for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    options.onEnd();
  };

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (failure) {
        const error = failure;
        failure = undefined;
        end();
        return Promise.reject(error);
      }
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return() {
      end();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      end();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };

  return {
    iterator,
    push(value) {
      if (done || failure) return;
      const resolve = waiting.shift();
      if (resolve) {
        resolve({ value, done: false });
        return;
      }
      // Values wait only while nobody is waiting, so an overflow never leaves a pull hanging.
      if (queue.length >= options.limit) {
        failure = options.onOverflow();
        queue.length = 0;
        return;
      }
      queue.push(value);
    },
  };
}
