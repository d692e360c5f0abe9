import { Backoff, sleep, type BackoffOptions } from './backoff';

export interface RetryOptions extends BackoffOptions {
  /** Tries in all, the first included; the last failure is thrown. Default: 5. */
  maxAttempts?: number;
  /** Whether a failure is worth another try (default: every failure). */
  retryIf?: (error: unknown, attempt: number) => boolean | Promise<boolean>;
  /** Runs between a failure and the next try, after the wait (e.g. refresh metadata). */
  beforeRetry?: (error: unknown, attempt: number) => unknown;
  /** Waits `ms`; injectable for tests. */
  wait?: (ms: number) => Promise<void>;
}

/**
 * The one retry loop: runs `task` until it succeeds, waiting an exponential, jittered delay
 * (see Backoff) between tries, so callers that failed together do not retry in lockstep.
 * `task` gets the attempt number (1, 2, …).
 */
export async function retryWithJitter<T>(
  task: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const backoff = new Backoff(options);
  const maxAttempts = options.maxAttempts ?? 5;
  const wait = options.wait ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      // Asked on every failure, the last one too, so the caller always learns what failed.
      const worthRetrying = (await options.retryIf?.(error, attempt)) ?? true;
      if (!worthRetrying || attempt >= maxAttempts) throw error;
      await wait(backoff.next());
      await options.beforeRetry?.(error, attempt);
    }
  }
}
