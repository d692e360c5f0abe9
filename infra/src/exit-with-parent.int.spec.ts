import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '@fidu/service-kit/testing';

// The owner runs the compiled module (dist/ is built before tests), like start-system / Jest's setup.
const guardModule = path.resolve(__dirname, '..', 'dist', 'exit-with-parent.js');

const infraModule = path.resolve(__dirname, '..', 'dist', 'local-infra.js');
const infraRoot = path.resolve(__dirname, '..', '..', '.data', 'watchdog-spec');
const SERVERS_START_MS = 6 * 60_000;

/** Running processes whose parent is `ppid`, with their command lines. */
function childrenOf(ppid: number): { pid: number; cmdline: string }[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== ppid) return [];
        return [
          {
            pid: Number(entry),
            cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' '),
          },
        ];
      } catch {
        return []; // exited while we looked
      }
    });
}

/** Alive and not a zombie (an orphan's zombie may linger when pid 1 does not reap). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * An owner process (standing for the launcher) that starts a long-running process (standing for
 * the Kafka JVM or the postmaster) and guards it; resolves with both pids.
 */
async function startOwner(
  guardedSource: string,
  graceMs: number,
): Promise<{ owner: ChildProcess; guarded: number }> {
  const source = `
    const { spawn } = require('node:child_process');
    const { exitWithThisProcess } = require(${JSON.stringify(guardModule)});
    const guarded = spawn(process.execPath, ['-e', ${JSON.stringify(guardedSource)}], { stdio: 'ignore' });
    exitWithThisProcess(guarded.pid, 'SIGTERM', ${graceMs});
    process.send({ guarded: guarded.pid });
    setInterval(() => {}, 1000);`;
  const owner = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const guarded = await new Promise<number>((resolve, reject) => {
    owner.once('message', (m: { guarded: number }) => resolve(m.guarded));
    owner.once('exit', (code) => reject(new Error(`owner exited (${code})`)));
  });
  return { owner, guarded };
}

describe('exitWithThisProcess (real processes)', () => {
  const started: number[] = [];
  afterAll(() => {
    for (const pid of started) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    // The servers' data (their owner was killed, so nothing removed it).
    rmSync(path.join(infraRoot, '.data', 'test'), { recursive: true, force: true });
  });

  it('stops the guarded process when its owner is SIGKILLed', async () => {
    const { owner, guarded } = await startOwner('setInterval(() => {}, 1000)', 10_000);
    started.push(owner.pid as number, guarded);
    expect(isRunning(guarded)).toBe(true);
    owner.kill('SIGKILL');
    await eventually('the guarded process exited', async () => !isRunning(guarded), 20_000, 100);
  });

  it('SIGKILLs a guarded process that ignores the stop signal once the grace period is over', async () => {
    const { owner, guarded } = await startOwner(
      "process.on('SIGTERM', () => undefined); setInterval(() => {}, 1000)",
      1_000,
    );
    started.push(owner.pid as number, guarded);
    owner.kill('SIGKILL');
    await eventually('the stubborn guarded process was killed', async () => !isRunning(guarded), 20_000, 100);
  });

  it(
    'the embedded Postgres and the Kafka JVM stop when the process that started them is SIGKILLed',
    async () => {
      // The owner starts both servers as `npm start` / Jest's setup do, and tells us when they answer.
      const source = `
      delete process.env.DATABASE_URL;
      delete process.env.KAFKA_BROKERS;
      require(${JSON.stringify(infraModule)})
        .startLocalInfra({ rootDir: ${JSON.stringify(infraRoot)}, purpose: 'test', log: () => undefined })
        .then(() => process.send('ready'), (error) => { process.stderr.write(String(error)); process.exit(1); });
      setInterval(() => {}, 1000);`;
      const owner = spawn(process.execPath, ['-e', source], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      started.push(owner.pid as number);
      await new Promise<void>((resolve, reject) => {
        owner.once('message', () => resolve());
        owner.once('exit', (code) => reject(new Error(`owner exited (${code})`)));
      });
      const servers = childrenOf(owner.pid as number).filter(
        (c) => c.cmdline.includes('kafka.Kafka') || /postgres\s+-D/.test(c.cmdline),
      );
      started.push(...servers.map((c) => c.pid));
      expect(servers).toHaveLength(2);
      owner.kill('SIGKILL');
      await eventually(
        `Postgres and Kafka (${servers.map((c) => c.pid).join(', ')}) exited`,
        async () => servers.every((c) => !isRunning(c.pid)),
        60_000,
        250,
      );
    },
    SERVERS_START_MS,
  );
});
