import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SubgraphName } from '@fidu/gateway';
import type { LauncherMessage } from '@fidu/service-kit';

export interface ServiceProcess {
  child: ChildProcess;
  /** The GraphQL URL the service reported once listening. */
  url: string;
  /** SIGKILL, as a crash would; resolves once the process is gone. */
  crash(): Promise<void>;
  /** SIGCONT (in case it was stopped), then SIGTERM; resolves once it exited. */
  stop(): Promise<void>;
}

/**
 * Runs a service's built entry point (dist/main.js) as a process of its own, for the faults only a
 * real process has (SIGSTOP, SIGKILL). `env` adds to the test's environment; PORT is 0 and the
 * service reports its URL through runMain's launcher message.
 */
export async function forkService(name: SubgraphName, env: Record<string, string>): Promise<ServiceProcess> {
  const child = fork(join(__dirname, `../../services/${name}/dist/main.js`), [], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (m: LauncherMessage) =>
      m.kind === 'listening' ? resolve(m.url) : reject(new Error(m.error)),
    );
    child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
  const signal = async (...signals: NodeJS.Signals[]): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) for (const s of signals) child.kill(s);
    await exited;
  };
  return { child, url, crash: () => signal('SIGKILL'), stop: () => signal('SIGCONT', 'SIGTERM') };
}
