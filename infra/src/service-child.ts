import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LauncherMessage } from '@fidu/service-kit';
import { waitUntil } from './wait-until';

/** A service (or the gateway) run by the launcher as a child process with an IPC channel. */
export interface ServiceChild {
  name: string;
  process: ChildProcess;
  logFile: string;
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Spawns `node <script>` with its output appended to `<logDir>/<name>.log`. The IPC channel carries
 * the child's 'listening' report, and its closing tells the child that the launcher is gone (runMain
 * stops on 'disconnect', even after a SIGKILL of the launcher).
 */
export function launchService(opts: {
  name: string;
  script: string;
  cwd: string;
  logDir: string;
  env: Record<string, string>;
}): ServiceChild {
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = join(opts.logDir, `${opts.name}.log`);
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [opts.script], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env, FIDU_EXIT_WITH_PARENT: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return { name: opts.name, process: child, logFile };
}

/**
 * The port the child itself reports having bound (so no other process can hold it while the child
 * lives). Rejects with the child's own error when it could not start, or when it exits first.
 */
export function listeningPort(
  service: ServiceChild,
  deadlineMs: number,
): Promise<{ port: number; url: string }> {
  const { name, process: child, logFile } = service;
  return new Promise((resolve, reject) => {
    const finish = (error?: Error, value?: { port: number; url: string }) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('close', onClose);
      if (error) reject(error);
      else resolve(value as { port: number; url: string });
    };
    const onMessage = (message: LauncherMessage) => {
      if (message?.pid !== child.pid) return;
      if (message.kind === 'listening') finish(undefined, { port: message.port, url: message.url });
      if (message.kind === 'failed')
        finish(new Error(`${name} could not start: ${message.error}; see ${logFile}`));
    };
    // 'close' rather than 'exit': every IPC message (e.g. 'failed') has been delivered by then.
    const onClose = (code: number | null, signal: string | null) =>
      finish(new Error(`${name} exited (${code ?? signal}) before listening; see ${logFile}`));
    const timer = setTimeout(
      () => finish(new Error(`${name} did not listen within ${deadlineMs / 1000} s; see ${logFile}`)),
      deadlineMs,
    );
    child.on('message', onMessage);
    child.once('close', onClose);
    if (hasExited(child)) onClose(child.exitCode, child.signalCode);
  });
}

/**
 * Ready means: `<origin>/health/ready` answers 200 *from this child*, i.e. with its service name
 * and pid. An answer from any other process on that address fails the start at once.
 */
export async function waitServiceReady(
  service: ServiceChild,
  origin: string,
  deadlineMs: number,
): Promise<void> {
  const { name, process: child, logFile } = service;
  let last = 'no answer';
  await waitUntil(
    `${name} to be ready at ${origin} (SERVICE_START_TIMEOUT_S)`,
    async () => {
      if (hasExited(child))
        throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}); see ${logFile}`);
      const answer = await fetch(`${origin}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
        async (res) => ({
          status: res.status,
          body: (await res.json().catch(() => ({}))) as Record<string, unknown>,
        }),
        (error: unknown) => {
          last = String(error);
          return undefined;
        },
      );
      if (!answer) return false;
      last = `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
      if (answer.body.service !== name || answer.body.pid !== child.pid)
        throw new Error(
          `${origin} is answered by another process (${last}), not by ${name} (pid ${child.pid})`,
        );
      return answer.status === 200;
    },
    { deadlineMs, describe: () => `last answer: ${last}; see ${logFile}` },
  );
}
