import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Frameworks and drivers a domain layer must never load, directly or through another file. */
const FORBIDDEN = /^(typeorm|pg|graphql|@apollo\/|kafkajs|express|dataloader|@as-integrations\/)/;

/** Every module `file` reaches through relative imports, and the packages they import. */
function reach(file: string, seen = new Set<string>(), packages = new Set<string>()) {
  if (seen.has(file)) return packages;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, spec] of source.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)) {
    if (!spec!.startsWith('.')) packages.add(spec!);
    else reach(resolveTs(join(dirname(file), spec!)), seen, packages);
  }
  return packages;
}

function resolveTs(path: string): string {
  for (const candidate of [`${path}.ts`, join(path, 'index.ts')]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next form
    }
  }
  throw new Error(`cannot resolve ${path}`);
}

describe('@fidu/service-kit/domain', () => {
  it('loads no framework or driver, even transitively', () => {
    const packages = [...reach(resolve(__dirname, 'index.ts'))];
    expect(packages.filter((p) => FORBIDDEN.test(p))).toEqual([]);
  });
});
