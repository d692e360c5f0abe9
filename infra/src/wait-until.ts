/**
 * Waiting for a server to come up: on a loaded machine start-up time varies a lot (Kafka took more
 * than 60 s in 1 of 3 starts), so the deadline is long by default and configurable, and what is
 * awaited is a condition, polled, never a fixed sleep.
 */
export class DeadlinePassedError extends Error {}

/** `<name>` from the environment in seconds (e.g. `KAFKA_START_TIMEOUT_S=600`), else the default. */
export function deadlineFromEnv(
  name: string,
  defaultMs: number,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env[name]?.trim();
  if (!raw) return defaultMs;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`${name} must be a number of seconds > 0`);
  return seconds * 1000;
}

/**
 * Polls `condition` until it returns true; throws DeadlinePassedError (with `describe()`'s details,
 * e.g. the server's last log lines) once `deadlineMs` has passed. A condition that throws ends the
 * wait at once (the process it waits for exited, say).
 */
export async function waitUntil(
  what: string,
  condition: () => Promise<boolean>,
  opts: { deadlineMs: number; intervalMs?: number; describe?: () => string },
): Promise<void> {
  const deadline = Date.now() + opts.deadlineMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) {
      const details = opts.describe?.();
      throw new DeadlinePassedError(
        `gave up waiting for ${what} after ${Math.round(opts.deadlineMs / 1000)} s${details ? `; ${details}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
}
