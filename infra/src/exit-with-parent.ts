import { spawn } from 'node:child_process';

/**
 * The watchdog: a tiny Node process holding an IPC channel to us. The OS closes the channel when we
 * die, even by SIGKILL, so its 'disconnect' means "the owner is gone": it signals the guarded
 * process, then SIGKILLs it after the grace period. It also leaves once the guarded process is gone.
 * Inline source, so it runs the same from dist/ and from Jest (src/).
 */
const WATCHDOG = `
const [pid, signal, graceMs] = [Number(process.argv[1]), process.argv[2], Number(process.argv[3])];
const alive = () => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const kill = (s) => { try { process.kill(pid, s); } catch {} };
process.on('disconnect', () => {
  kill(signal);
  const since = Date.now();
  setInterval(() => {
    if (!alive()) process.exit(0);
    if (Date.now() - since > graceMs) { kill('SIGKILL'); process.exit(0); }
  }, 200);
});
setInterval(() => { if (!alive()) process.exit(0); }, 1000);
`;

export interface ExitGuard {
  /** The guarded process was stopped normally: the watchdog leaves without touching it. */
  release(): void;
}

/**
 * Makes process `pid` (Kafka's JVM, the Postgres postmaster: neither notices its parent's death)
 * stop when this process dies, however it dies. `signal` is the clean stop request (SIGTERM for the
 * JVM, SIGINT, "fast shutdown", for Postgres); SIGKILL follows after `graceMs`.
 */
export function exitWithThisProcess(pid: number, signal: NodeJS.Signals, graceMs: number): ExitGuard {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(pid), signal, String(graceMs)], {
    // Its own process group: a terminal Ctrl-C must not end the watchdog before our orderly stop.
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  watchdog.on('error', () => undefined);
  // Neither the process nor its channel may keep our event loop alive.
  watchdog.unref();
  watchdog.channel?.unref();
  return {
    release: () => {
      if (watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
    },
  };
}
