import { Backoff } from '@fidu/service-kit';
import type { ServiceChild } from './service-child';

export interface SupervisedChild {
  /** The child running now (a new one after each restart). */
  current(): ServiceChild;
  /** Stops restarting; the caller then terminates current(). */
  release(): void;
}

/**
 * Keeps a child of `npm start` alive: when it dies while the launcher is not stopping, says so and
 * starts it again after a backoff (1 s doubling to 30 s, with jitter), on the same port, because the
 * gateway's subgraph URLs and the signed download links name that port. The rest of the system keeps
 * answering meanwhile: the gateway returns partial data for the missing subgraph. The backoff starts
 * over once a restarted child has stayed up for `healthyAfterMs`, so a crash loop slows down but an
 * occasional crash restarts quickly.
 */
export function supervise(opts: {
  first: ServiceChild;
  /** Launches a new child with the same settings and the port the first one bound. */
  relaunch(): ServiceChild;
  /** Resolves once the new child answers its readiness check. */
  whenReady(child: ServiceChild): Promise<unknown>;
  say(line: string): void;
  healthyAfterMs?: number;
  backoff?: Backoff;
}): SupervisedChild {
  const backoff = opts.backoff ?? new Backoff({ initialMs: 1_000, maxMs: 30_000 });
  const healthyAfterMs = opts.healthyAfterMs ?? 60_000;
  let child = opts.first;
  let released = false;
  let healthyTimer: NodeJS.Timeout | undefined;

  const watch = (watched: ServiceChild) => {
    watched.process.once('exit', (code, signal) => {
      clearTimeout(healthyTimer);
      if (released) return;
      const delay = backoff.next();
      opts.say(
        `  ${watched.name} exited (${signal ?? `code ${code}`}); restarting in ${(delay / 1000).toFixed(1)} s ` +
          `(restart ${backoff.attempts}); see ${watched.logFile}`,
      );
      setTimeout(() => void restart(), delay).unref();
    });
  };

  const restart = async () => {
    if (released) return;
    child = opts.relaunch();
    watch(child);
    try {
      await opts.whenReady(child);
      opts.say(`  ${child.name} is back (pid ${child.process.pid})`);
      healthyTimer = setTimeout(() => backoff.reset(), healthyAfterMs).unref();
    } catch (error) {
      // Its exit (if it died) schedules the next try; a child that hangs unready is killed so it does.
      opts.say(
        `  ${child.name} did not come back: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    }
  };

  watch(child);
  return {
    current: () => child,
    release: () => {
      released = true;
      clearTimeout(healthyTimer);
    },
  };
}
