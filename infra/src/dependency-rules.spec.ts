/**
 * The import rules of services/README.md fail the lint when broken: dependency-cruiser, with the
 * repository's own configuration, reports each rule on a tree that breaks every rule once
 * (infra/fixtures/dependency-rules); ESLint refuses SQL calls in a service's graphql/. It runs the same
 * command as `npm run lint:deps` (dependency-cruiser is ESM-only, which Jest's CommonJS cannot load
 * in-process). That the repository itself breaks no rule is the lint's job: `npm test` runs it and
 * counts a failed lint as a failure. Neither Postgres nor Kafka is involved.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(__dirname, '..', '..');
const fixture = join(root, 'infra', 'fixtures', 'dependency-rules');
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}
interface CruiseResult {
  summary: { violations: Violation[]; ruleSetUsed: { forbidden: { name: string }[] } };
}

/** The arguments of the root `lint:deps` script, answering in JSON. */
function lintArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const [command, ...args] = (scripts['lint:deps'] as string).split(/\s+/);
  expect(command).toBe('depcruise');
  return args.map((arg, i) => (args[i - 1] === '--output-type' ? 'json' : arg));
}

/** Runs the lint's command in `cwd` (on those of its directories that exist there). */
async function cruise(cwd: string): Promise<CruiseResult> {
  const args = lintArguments()
    .map((arg) => (arg === '.dependency-cruiser.cjs' ? join(root, arg) : arg))
    .filter(
      (arg, i, all) => arg.startsWith('-') || all[i - 1]?.startsWith('-') || existsSync(join(cwd, arg)),
    );
  // Exit code 1 means "violations found": the JSON on stdout says which.
  const { stdout } = await promisify(execFile)(process.execPath, [depcruise, ...args], {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
  }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
    if (error.code === 1 && error.stdout) return { stdout: error.stdout };
    throw new Error(`depcruise failed: ${error.stderr ?? String(error)}`);
  });
  return JSON.parse(stdout) as CruiseResult;
}

/** Each rule and the fixture file that breaks it (its name says how). */
const BROKEN: [rule: string, from: string][] = [
  ['domain-no-framework', 'services/alpha/src/domain/imports-typeorm.ts'],
  ['domain-no-other-layer', 'services/alpha/src/domain/imports-db.ts'],
  ['access-no-other-layer', 'services/alpha/src/access/imports-use-case.ts'],
  ['use-cases-no-transport', 'services/alpha/src/use-cases/imports-express.ts'],
  ['use-cases-no-transport', 'services/alpha/src/use-cases/imports-resolver.ts'],
  ['read-models-no-commands-or-transport', 'services/alpha/src/read-models/imports-use-case.ts'],
  ['db-no-upper-layer', 'services/alpha/src/db/imports-events.ts'],
  ['events-no-transport', 'services/alpha/src/events/imports-route.ts'],
  ['resolvers-no-sql', 'services/alpha/src/graphql/imports-pg.resolvers.ts'],
  ['jobs-and-routes-no-graphql', 'services/alpha/src/jobs/imports-resolver.job.ts'],
  ['no-service-imports-another', 'services/alpha/src/imports-other-service.ts'],
  ['gateway-no-service', 'gateway/src/imports-service.ts'],
  ['infra-no-gateway-or-service', 'infra/src/imports-gateway.ts'],
  ['no-dist-internals', 'services/alpha/src/imports-kit-dist.ts'],
  ['no-library-internals', 'services/alpha/src/imports-apollo-dist.ts'],
  ['production-no-test-helpers', 'services/alpha/src/imports-test-helper.ts'],
  ['no-circular', 'services/alpha/src/cycle-a.ts'],
];

/**
 * Every entry point the rules must see through: `@fidu/<name>`, and each declared subpath (a folder
 * with its own package.json, e.g. services/service-kit/testing/) as `@fidu/<name>/<folder>`.
 */
function declaredEntryPoints(): Record<string, string> {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const entries: Record<string, string> = {};
  for (const dir of workspaces) {
    const { name, main } = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    if (main) entries[name] = join(dir, main);
    for (const sub of readdirSync(join(root, dir), { withFileTypes: true })) {
      const manifest = join(root, dir, sub.name, 'package.json');
      if (sub.isDirectory() && sub.name !== 'node_modules' && existsSync(manifest)) {
        const declared = JSON.parse(readFileSync(manifest, 'utf8'));
        if (declared.name === `${name}/${sub.name}`)
          entries[declared.name] = join(dir, sub.name, declared.main);
      }
    }
  }
  return entries;
}

describe('import rules (.dependency-cruiser.cjs)', () => {
  it('resolves every entry point and declared subpath to the source behind its build output', () => {
    // tsconfig.depcruise.json is JSON with comments; they are whole lines starting with //.
    const text = readFileSync(join(root, 'tsconfig.depcruise.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const paths = (JSON.parse(text) as { compilerOptions: { paths: Record<string, string[]> } })
      .compilerOptions.paths;
    for (const [name, main] of Object.entries(declaredEntryPoints())) {
      // dist/<file>.js is built from src/<file>.ts.
      const source = main.replace(/(^|\/)dist\//, '$1src/').replace(/\.js$/, '.ts');
      expect({ name, source: paths[name]?.[0] }).toEqual({ name, source });
    }
  });

  it('reports every rule on a tree that breaks each of them, and nothing else', async () => {
    const { summary } = await cruise(fixture);
    const reported = summary.violations
      .map((v) => `${v.rule.name} ${v.from.replace(/cycle-b\.ts$/, 'cycle-a.ts')}`)
      .sort();
    expect([...new Set(reported)]).toEqual(BROKEN.map(([rule, from]) => `${rule} ${from}`).sort());
    // No rule of the configuration goes untested.
    const rules = summary.ruleSetUsed.forbidden.map((r) => r.name);
    expect([...new Set(BROKEN.map(([rule]) => rule))].sort()).toEqual([...rules].sort());
  }, 120_000);

  it('refuses SQL calls in resolvers and loaders (ESLint), not in read models', () => {
    const code = [
      'export async function load(ds: { query(s: string): unknown; createQueryBuilder(): unknown; getRepository(e: string): unknown }) {',
      "  await ds.query('SELECT 1');",
      '  ds.createQueryBuilder();',
      "  ds.getRepository('client');",
      '}',
      '',
    ].join('\n');
    // ESLint loads its flat config with import(), which Jest's VM refuses: it runs as the lint does.
    const sqlRefusals = (filePath: string) => {
      const run = spawnSync(
        process.execPath,
        [
          join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'),
          '--stdin',
          '--stdin-filename',
          filePath,
          '-f',
          'json',
        ],
        { cwd: root, input: code, encoding: 'utf8' },
      );
      const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null }[] }[];
      return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
    };
    expect(sqlRefusals('services/alpha/src/graphql/client.loaders.ts')).toHaveLength(3);
    expect(sqlRefusals('services/alpha/src/read-models/client.read-model.ts')).toHaveLength(0);
  }, 120_000);
});
