/**
 * Just enough of a Dockerfile reader for the runtime-stage check (runtime-stage.ts): stages and
 * their instructions, with the argument forms our Dockerfile uses. What it does not understand it
 * refuses by name, so a new instruction fails the check instead of being skipped silently.
 */
export interface Instruction {
  keyword: string;
  /** The arguments as written, continuation lines joined. */
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}

/** Stages in order; the last one is what `docker build` produces without --target. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text.split('\n');
  if (/^#\s*escape\s*=/i.test(lines[0] ?? ''))
    throw new Error('Dockerfile: the escape directive is not supported');
  const stages: Stage[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = '';
    for (;;) {
      const current = lines[i] ?? '';
      // Comment lines inside a continuation are dropped, as Docker does.
      const comment = /^\s*#/.test(current);
      if (!comment) logical += current.replace(/\\\s*$/, ' ');
      const continues = comment ? logical !== '' : /\\\s*$/.test(current);
      if (!continues || i >= lines.length - 1) break;
      i++;
    }
    const match = /^\s*([A-Za-z]+)\s*(.*?)\s*$/.exec(logical);
    if (!match || !logical.trim()) continue;
    const keyword = (match[1] as string).toUpperCase();
    const args = match[2] as string;
    if (keyword === 'FROM') {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile line ${start + 1}: cannot read FROM ${args}`);
      stages.push({ image: from[1] as string, name: from[2] ?? String(stages.length), instructions: [] });
    } else {
      const stage = stages[stages.length - 1];
      if (!stage) throw new Error(`Dockerfile line ${start + 1}: ${keyword} before FROM`);
      stage.instructions.push({ keyword, args, line: start + 1 });
    }
  }
  return stages;
}

/** Shell words with '…' and "…" quoting and backslash escapes (ENV values). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i] as string;
      else word += c;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) word = (word ?? '') + (text[++i] as string);
    else word = (word ?? '') + c;
  }
  if (quote) throw new Error(`unterminated quote in ${text}`);
  if (word !== undefined) words.push(word);
  return words;
}

/** `$NAME` / `${NAME}` replaced from `env` (Docker substitutes in ENV, WORKDIR, COPY, USER). */
export function substitute(text: string, env: Record<string, string>): string {
  if (/\$\{[^}]*:[-+?]/.test(text)) throw new Error(`Dockerfile: \${VAR:…} forms are not supported: ${text}`);
  return text.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (_, a: string | undefined, b: string | undefined) => env[(a ?? b) as string] ?? '',
  );
}

/** `ENV a=1 b="two words"` or the legacy `ENV a one value`. */
export function parseEnv(args: string): Record<string, string> {
  const words = shellWords(args);
  if (!(words[0] ?? '').includes('=')) {
    const [name, ...value] = args.trim().split(/\s+/);
    return { [name as string]: value.join(' ') };
  }
  return Object.fromEntries(
    words.map((word) => {
      const at = word.indexOf('=');
      if (at <= 0) throw new Error(`Dockerfile: cannot read ENV ${args}`);
      return [word.slice(0, at), word.slice(at + 1)];
    }),
  );
}

/** `--name=value` flags in front of the arguments, and the rest. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args.trim();
  for (let m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); m; m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags[m[1] as string] = m[2] ?? 'true';
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

/** Exec form (`["node", "x.js"]`) as is; shell form as `sh -c` runs it, as Docker does. */
export function commandOf(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string'))
      throw new Error(`Dockerfile: not an exec form: ${args}`);
    return parsed as string[];
  }
  return ['/bin/sh', '-c', trimmed];
}

/** COPY's sources and destination (shell or JSON form). */
export function copyPaths(rest: string): { sources: string[]; dest: string } {
  const paths = rest.trim().startsWith('[') ? commandOf(rest) : rest.trim().split(/\s+/);
  if (paths.length < 2) throw new Error(`Dockerfile: COPY needs a source and a destination: ${rest}`);
  return { sources: paths.slice(0, -1), dest: paths[paths.length - 1] as string };
}
