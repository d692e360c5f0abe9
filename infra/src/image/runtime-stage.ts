/**
 * The production image's last stage (infra/docker/Dockerfile), assembled without Docker: no engine
 * runs on our machines and no registry is reachable, so the image cannot be built here. Its COPY
 * --from lines are honoured against the build stage's /app (see build-stage.ts: the built working
 * tree, node_modules pruned to production), its RUN lines run with sh in the assembled tree, and
 * its ENV, WORKDIR, USER, HEALTHCHECK and CMD are returned for whoever starts processes from it
 * (runtime-stage.int.spec.ts). Not reproduced: file ownership (--chown) and the base image.
 *
 * `node infra/dist/image/runtime-stage.js` assembles one and prints where (to look inside).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { BuildStage } from './build-stage';
import {
  commandOf,
  copyPaths,
  parseDockerfile,
  parseEnv,
  splitFlags,
  substitute,
  type Stage,
} from './dockerfile';

export interface RuntimeStage {
  /** The image's filesystem as far as the stage made it (the base image is this machine's). */
  rootfs: string;
  /** WORKDIR, inside rootfs: where CMD runs. */
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  user?: string;
  healthcheck?: string[];
  /**
   * Deletes everything assembled; `background`: in a detached `rm -rf` nobody waits for (its ~27,000
   * hard links take 8-13 s to delete on a loaded machine).
   */
  remove(opts?: { background?: boolean }): void;
}

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** COPY flags that change nothing here, or only ownership (not reproduced). */
const COPY_FLAGS = new Set(['from', 'chown', 'chmod', 'link']);

/** Where `COPY . <dest>` put the build context in the stage named `from`. */
function contextDirOf(stages: Stage[], from: string): string {
  const stage = stages.find((s, i) => s.name === from || String(i) === from);
  if (!stage) throw new Error(`Dockerfile: COPY --from=${from} names no stage (images are not supported)`);
  let workdir = '/';
  for (const { keyword, args } of stage.instructions) {
    if (keyword === 'WORKDIR') workdir = posix.resolve(workdir, args);
    if (keyword !== 'COPY') continue;
    const { flags, rest } = splitFlags(args);
    const { sources, dest } = copyPaths(rest);
    if (!flags.from && sources.length === 1 && sources[0] === '.') return posix.resolve(workdir, dest);
  }
  throw new Error(`Dockerfile: stage ${from} has no COPY . <dir> of the context to stand in for`);
}

/** Assembles the last stage of `dockerfile` into a new temporary directory. */
export function assembleRuntimeStage(opts: { root?: string; dockerfile?: string } = {}): RuntimeStage {
  const root = opts.root ?? REPO_ROOT;
  const stages = parseDockerfile(
    readFileSync(opts.dockerfile ?? join(root, 'infra', 'docker', 'Dockerfile'), 'utf8'),
  );
  const stage = stages[stages.length - 1];
  if (!stage) throw new Error('Dockerfile: no FROM');
  const temp = mkdtempSync(join(tmpdir(), 'fidu-runtime-stage-'));
  const remove = (removal?: { background?: boolean }) =>
    removal?.background
      ? spawn('rm', ['-rf', temp], { detached: true, stdio: 'ignore' }).unref()
      : rmSync(temp, { recursive: true, force: true });
  const rootfs = join(temp, 'rootfs');
  const result: RuntimeStage = { rootfs, workdir: rootfs, env: {}, cmd: [], remove };
  let workdir = '/';
  let build: BuildStage | undefined;
  let at = 'Dockerfile';
  try {
    for (const { keyword, args, line } of stage.instructions) {
      at = `Dockerfile line ${line} (${keyword})`;
      if (keyword === 'ENV') Object.assign(result.env, parseEnv(substitute(args, result.env)));
      else if (keyword === 'WORKDIR') {
        workdir = posix.resolve(workdir, substitute(args, result.env));
        mkdirSync(join(rootfs, workdir), { recursive: true });
      } else if (keyword === 'COPY') {
        const { flags, rest } = splitFlags(args);
        const unknown = Object.keys(flags).filter((f) => !COPY_FLAGS.has(f));
        if (unknown.length || !flags.from) throw new Error(`${at}: only COPY --from=<stage> is supported`);
        const from = contextDirOf(stages, flags.from);
        build ??= new BuildStage(root);
        const { sources, dest } = copyPaths(substitute(rest, result.env));
        const destAbs = join(rootfs, posix.resolve(workdir, dest));
        const intoDir = dest.endsWith('/') || sources.length > 1;
        for (const source of sources) {
          const rel = posix.relative(from, posix.resolve(from, source));
          if (rel.startsWith('..') || /[*?[]/.test(source))
            throw new Error(`${at}: ${source} is outside ${from} or a glob`);
          const isDir = build.kind(rel) === 'dir';
          const toDir = intoDir || (existsSync(destAbs) && statSync(destAbs).isDirectory());
          build.copy(rel, isDir || !toDir ? destAbs : join(destAbs, posix.basename(rel)));
        }
      } else if (keyword === 'RUN') {
        const [command, ...rest] = commandOf(args);
        const run = spawnSync(command as string, rest, {
          cwd: join(rootfs, workdir),
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...result.env },
          encoding: 'utf8',
        });
        if (run.status !== 0)
          throw new Error(`${at} failed (${run.status ?? run.signal}): ${run.stderr}${run.stdout}`);
      } else if (keyword === 'USER') result.user = substitute(args, result.env);
      else if (keyword === 'CMD') result.cmd = commandOf(args);
      else if (keyword === 'HEALTHCHECK') {
        const { rest } = splitFlags(args);
        result.healthcheck = /^NONE$/i.test(rest) ? undefined : commandOf(rest.replace(/^CMD\s+/i, ''));
      } else if (!['EXPOSE', 'LABEL', 'STOPSIGNAL'].includes(keyword))
        throw new Error(
          `${at}: not supported by infra/src/image (ENTRYPOINT, ADD, ARG, SHELL, … change what runs)`,
        );
    }
  } catch (error) {
    remove();
    if (error instanceof Error && !error.message.startsWith('Dockerfile'))
      error.message = `${at}: ${error.message}`;
    throw error;
  }
  result.workdir = join(rootfs, workdir);
  return result;
}

if (require.main === module) {
  const started = Date.now();
  const stage = assembleRuntimeStage();
  process.stdout.write(
    `Runtime stage assembled in ${((Date.now() - started) / 1000).toFixed(1)} s: ${stage.workdir}\n` +
      `CMD ${JSON.stringify(stage.cmd)}, ENV ${JSON.stringify(stage.env)}\n(remove with rm -rf ${resolve(stage.rootfs, '..')})\n`,
  );
}
