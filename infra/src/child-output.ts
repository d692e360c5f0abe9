import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import { Log } from './log';

/** Forwards a child's output lines to `log` and keeps the last ones (for error messages). */
export function tailOf(streams: (NodeJS.ReadableStream | null)[], log: Log, prefix: string): () => string[] {
  const lines: string[] = [];
  for (const stream of streams) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (raw) => {
      const line = stripVTControlCharacters(raw); // mvn -q still emits colour resets
      if (!line.trim()) return;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      log(prefix + line);
    });
  }
  return () => lines;
}

/** Runs a command to completion; rejects with its last output lines when it fails. */
export function run(cmd: string, args: string[], cwd: string, log: Log): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = tailOf([child.stdout, child.stderr], log, `[${path.basename(cmd)}] `);
    child.once('error', (err) => reject(new Error(`cannot run ${cmd}: ${err.message}`)));
    // 'close' (not 'exit'): by then the output tail is complete.
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${tail().join('\n')}`)),
    );
  });
}
