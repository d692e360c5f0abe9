import { createLogger } from '../logger';

/** Anything `main.ts` starts: a service or the gateway. */
export interface MainProcess {
  listen(): Promise<string>;
  stop(): Promise<void>;
}

/** Set by the `npm start` launcher: a child must not outlive it (e.g. after a SIGKILL). */
const EXIT_WITH_PARENT = 'FIDU_EXIT_WITH_PARENT';
const STOP_DEADLINE_MS = 10_000;

/**
 * The only side-effecting entry point of a process: start, listen, and stop cleanly on
 * SIGTERM/SIGINT (drain HTTP, stop consumers and relay, close the database). Stopping has a
 * deadline, so a dependency that is already gone cannot keep the process alive.
 */
export function runMain(name: string, start: () => Promise<MainProcess>): void {
  const log = createLogger(name);
  start()
    .then(async (main) => {
      const url = await main.listen();
      log.info({ url }, `${name} ready`);
      let stopping = false;
      const stop = async (reason: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ reason }, 'stopping');
        setTimeout(() => {
          log.warn('stop deadline passed; exiting anyway');
          process.exit(1);
        }, STOP_DEADLINE_MS).unref();
        await main.stop().catch((err: unknown) => log.error({ err }, 'unclean stop'));
        process.exit(0);
      };
      process.on('SIGTERM', () => void stop('SIGTERM'));
      process.on('SIGINT', () => void stop('SIGINT'));
      if (process.env[EXIT_WITH_PARENT]) {
        const parent = process.ppid;
        setInterval(() => process.ppid !== parent && void stop('parent exited'), 1000).unref();
      }
    })
    .catch((err: unknown) => {
      log.fatal({ err }, 'could not start');
      process.exit(1);
    });
}
