import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';

/**
 * The build stage's /app without Docker, for the runtime-stage check: the working tree as
 * `COPY . .` sees it (.dockerignore), what `turbo run build` made (its declared outputs, taken from
 * the already built working tree), and node_modules as `npm ci && npm prune --omit=dev` leave them.
 *
 * node_modules: the package-lock.json entries npm keeps when dev is omitted, each hard-linked from
 * the installed tree (checked to be the locked version). Running `npm ci --omit=dev` instead gives
 * the same 470 packages but took 1.5-2.5 min on our loaded 2-core machines; linking takes seconds.
 */
interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  link?: boolean;
  resolved?: string;
  bin?: Record<string, string>;
}

type Item = { kind: 'package' } | { kind: 'symlink'; target: string };

/** A .dockerignore / turbo outputs glob as a RegExp over slash-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  const re = glob
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${re}$`);
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const hasNodeModules = (rel: string) => rel.split('/').includes('node_modules');
const under = (rel: string, prefix: string) =>
  prefix === '' || rel === prefix || rel.startsWith(`${prefix}/`);

export class BuildStage {
  private readonly items = new Map<string, Item>();
  private readonly ignores: { re: RegExp; negated: boolean }[];
  private readonly outputs = new Map<string, RegExp[]>();

  constructor(private readonly root: string) {
    const lock = readJson<{ packages: Record<string, LockEntry> }>(join(root, 'package-lock.json'));
    for (const [key, entry] of Object.entries(lock.packages)) {
      if (hasNodeModules(key)) this.keep(key, entry);
      else if (key) this.outputs.set(key, this.turboOutputs(key));
    }
    const ignoreFile = join(root, '.dockerignore');
    this.ignores = (existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8').split('\n') : [])
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const negated = line.startsWith('!');
        const glob = posix.normalize(line.slice(negated ? 1 : 0).replace(/^\/+/, ''));
        return { re: globToRegExp(glob), negated };
      });
  }

  /** What `npm prune --omit=dev` leaves of one lock entry (devOptional stays: optional is not omitted). */
  private keep(key: string, entry: LockEntry): void {
    if (entry.dev) return;
    if (entry.link) {
      this.items.set(key, {
        kind: 'symlink',
        target: posix.relative(posix.dirname(key), entry.resolved ?? ''),
      });
      return;
    }
    const manifest = join(this.root, key, 'package.json');
    if (!existsSync(manifest)) {
      if (entry.optional || entry.devOptional) return; // another platform's binary package
      throw new Error(`${key} is in package-lock.json but not installed: run npm ci`);
    }
    const { version } = readJson<{ version?: string }>(manifest);
    if (version !== entry.version)
      throw new Error(`${key} is ${version} but package-lock.json says ${entry.version}: run npm ci`);
    this.items.set(key, { kind: 'package' });
    const binDir = `${key.slice(0, key.lastIndexOf('node_modules/') + 'node_modules'.length)}/.bin`;
    for (const [name, file] of Object.entries(entry.bin ?? {}))
      this.items.set(`${binDir}/${name}`, {
        kind: 'symlink',
        target: posix.relative(binDir, posix.join(key, file)),
      });
  }

  /** A workspace's turbo build outputs (its own turbo.json's, else the root's), relative to it. */
  private turboOutputs(workspace: string): RegExp[] {
    const outputsOf = (file: string) =>
      existsSync(file)
        ? readJson<{ tasks?: { build?: { outputs?: string[] } } }>(file).tasks?.build?.outputs
        : undefined;
    const globs =
      outputsOf(join(this.root, workspace, 'turbo.json')) ?? outputsOf(join(this.root, 'turbo.json')) ?? [];
    return globs.filter((g) => !g.startsWith('!')).map(globToRegExp);
  }

  /** Made by the build: matches a turbo output of its workspace (a directory: if outputs lie under it). */
  private built(rel: string): boolean {
    const workspace = [...this.outputs.keys()]
      .filter((w) => rel.startsWith(`${w}/`))
      .sort((a, b) => b.length - a.length)[0];
    if (workspace === undefined) return false;
    const inside = rel.slice(workspace.length + 1);
    return (this.outputs.get(workspace) ?? []).some((re) => re.test(inside) || re.test(`${inside}/_`));
  }

  /** Not in the build stage from the working tree: ignored by .dockerignore and not rebuilt, or node_modules. */
  private excluded(rel: string): boolean {
    if (hasNodeModules(rel)) return true;
    const parts = rel.split('/');
    let ignored = false;
    for (const { re, negated } of this.ignores)
      if (parts.some((_, i) => re.test(parts.slice(0, i + 1).join('/')))) ignored = !negated;
    return ignored && !this.built(rel);
  }

  /** The kept package `rel` lies inside, with the path within it (never in its nested node_modules). */
  private packageHolding(rel: string): string | undefined {
    return [...this.items.keys()].find(
      (key) =>
        this.items.get(key)?.kind === 'package' &&
        rel.startsWith(`${key}/`) &&
        !hasNodeModules(rel.slice(key.length + 1)),
    );
  }

  /** 'file', 'dir', or undefined when the build stage has no such path (relative to its /app). */
  kind(rel: string): 'file' | 'dir' | undefined {
    const item = this.items.get(rel);
    if (item) return item.kind === 'package' ? 'dir' : 'file';
    const abs = join(this.root, rel);
    if ((this.packageHolding(rel) || (!this.excluded(rel) && rel !== '')) && existsSync(abs))
      return lstatSync(abs).isDirectory() ? 'dir' : 'file';
    if (rel === '' || [...this.items.keys()].some((key) => key.startsWith(`${rel}/`))) return 'dir';
    return undefined;
  }

  /** Copies `rel` (a file, or a directory's contents) to `dest`: files copied, packages hard-linked. */
  copy(rel: string, dest: string): void {
    const kind = this.kind(rel);
    if (!kind)
      throw new Error(`/${rel} is not in the build stage (is the working tree built? npx turbo run build)`);
    mkdirSync(kind === 'dir' ? dest : dirname(dest), { recursive: true });
    const item = this.items.get(rel);
    if (item?.kind === 'symlink') return symlinkSync(item.target, dest);
    if (item || this.packageHolding(rel)) this.copyTree(rel, dest, 'link');
    else if (!hasNodeModules(rel) && existsSync(join(this.root, rel))) this.copyTree(rel, dest, 'copy');
    // The lock's packages below it: every one for node_modules, a workspace's own nested ones, …
    for (const [key, below] of this.items) {
      if (key === rel || !under(key, rel)) continue;
      const target = join(dest, posix.relative(rel, key));
      mkdirSync(dirname(target), { recursive: true });
      if (below.kind === 'symlink') symlinkSync(below.target, target);
      else this.copyTree(key, target, 'link');
    }
  }

  /** A working-tree file or directory, without what the build stage lacks (or gets from the lock). */
  private copyTree(rel: string, dest: string, mode: 'copy' | 'link'): void {
    const abs = join(this.root, rel);
    const stat = lstatSync(abs);
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(abs), dest);
    else if (stat.isDirectory()) {
      mkdirSync(dest, { recursive: true });
      for (const name of readdirSync(abs)) {
        const child = rel ? `${rel}/${name}` : name;
        // A package's own node_modules holds lock entries of their own (placed by copy()).
        if (mode === 'link' ? name === 'node_modules' && this.items.has(rel) : this.excluded(child)) continue;
        this.copyTree(child, join(dest, name), mode);
      }
    } else if (mode === 'copy') copyFileSync(abs, dest);
    else
      try {
        linkSync(abs, dest);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        copyFileSync(abs, dest); // another filesystem
      }
  }
}
