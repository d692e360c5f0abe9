import { createLogger, type Logger } from '../logger';
import { flushTracing } from '../observability/tracing-shutdown';

/** Anything `main.ts` starts: a service or the gateway. */
export interface MainProcess {
  /** Listens on the configured port, or on `port` when given (0 = any free port); returns the URL. */
  listen(port?: number): Promise<string>;
  stop(): Promise<void>;
}

/** What a child started with an IPC channel (the `npm start` launcher) tells its parent. */
export type LauncherMessage =
  | { kind: 'listening'; service: string; pid: number; port: number; url: string }
  | { kind: 'failed'; service: string; pid: number; error: string };

/** Set by the `npm start` launcher: a child must not outlive it (e.g. after a SIGKILL). */
const EXIT_WITH_PARENT = 'FIDU_EXIT_WITH_PARENT';
/** Set by the launcher: when the configured port is taken, listen on any free port (reported over IPC). */
const PORT_FALLBACK = 'FIDU_PORT_FALLBACK';
const STOP_DEADLINE_MS = 10_000;

function tellLauncher(message: LauncherMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function listenWithFallback(main: MainProcess, log: Logger): Promise<string> {
  try {
    return await main.listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || process.env[PORT_FALLBACK] !== 'any')
      throw error;
    // Another process took the port between the launcher's choice and our bind: any port will do,
    // the launcher learns which one from the 'listening' message.
    log.warn({ err: error }, 'configured port taken; listening on a free port instead');
    return main.listen(0);
  }
}

/**
 * Stops when the launcher is gone: the IPC channel's 'disconnect' fires as soon as the parent dies,
 * even by SIGKILL; the parent-pid check covers children started without a channel.
 */
function watchLauncher(stop: (reason: string) => void): void {
  if (process.send) process.once('disconnect', () => stop('launcher disconnected'));
  if (process.env[EXIT_WITH_PARENT]) {
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && stop('parent exited'), 1000).unref();
  }
}

/**
 * The only side-effecting entry point of a process: start, listen, and stop cleanly on
 * SIGTERM/SIGINT or when the launcher dies (drain HTTP, stop consumers and relay, close the
 * database). Stopping has a deadline, so a dependency that is already gone cannot keep the process
 * alive. Under the launcher, the bound port and pid are reported over IPC once listening.
 */
export function runMain(name: string, start: () => Promise<MainProcess>): void {
  const log = createLogger(name);
  let main: MainProcess | undefined;
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping');
    setTimeout(() => {
      log.warn('stop deadline passed; exiting anyway');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    // Stopped while still starting: nothing is serving yet, exit right away.
    await main?.stop().catch((err: unknown) => log.error({ err }, 'unclean stop'));
    await flushTracing();
    process.exit(0);
  };
  watchLauncher((reason) => void stop(reason));
  start()
    .then(async (started) => {
      main = started;
      const url = await listenWithFallback(started, log);
      log.info({ url }, `${name} ready`);
      process.on('SIGTERM', () => void stop('SIGTERM'));
      process.on('SIGINT', () => void stop('SIGINT'));
      await tellLauncher({
        kind: 'listening',
        service: name,
        pid: process.pid,
        port: Number(new URL(url).port),
        url,
      });
    })
    .catch(async (err: unknown) => {
      log.fatal({ err }, 'could not start');
      await tellLauncher({ kind: 'failed', service: name, pid: process.pid, error: String(err) });
      await flushTracing();
      process.exit(1);
    });
}
