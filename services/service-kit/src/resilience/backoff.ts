export interface BackoffOptions {
  /** Delay of the first retry, before jitter. */
  initialMs?: number;
  /** No delay ever exceeds this (so a long outage is retried at least this often). */
  maxMs?: number;
  /** Random source in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Exponential backoff with jitter, without a retry limit: the caller decides when to stop.
 * Each delay is drawn between half and all of `min(maxMs, initialMs * 2^n)`, so replicas that
 * failed together do not retry in lockstep, and no retry comes sooner than half the step.
 */
export class Backoff {
  private failures = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 250;
    this.maxMs = options.maxMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  /** How many failures in a row were recorded since the last reset. */
  get attempts(): number {
    return this.failures;
  }

  /** Records one more failure and returns how long to wait before the next try. */
  next(): number {
    const step = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return Math.round(step / 2 + (step / 2) * this.random());
  }

  /** Back to the first step, after a success. */
  reset(): void {
    this.failures = 0;
  }
}

/** Resolves after `ms`; the timer does not keep the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
