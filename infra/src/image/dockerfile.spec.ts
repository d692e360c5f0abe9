import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globToRegExp } from './build-stage';
import { commandOf, copyPaths, parseDockerfile, parseEnv, splitFlags } from './dockerfile';

describe('Dockerfile reader (runtime-stage check)', () => {
  it('joins continuation lines, drops comments inside them, and splits stages', () => {
    const [build, runtime] = parseDockerfile(
      [
        'FROM node:20 AS build',
        'RUN a \\',
        '# why',
        ' && b',
        'FROM node:20-slim AS runtime',
        'USER node',
      ].join('\n'),
    );
    expect(build).toMatchObject({ name: 'build', image: 'node:20' });
    expect(build?.instructions).toEqual([{ keyword: 'RUN', args: 'a   && b', line: 2 }]);
    expect(runtime?.instructions).toEqual([{ keyword: 'USER', args: 'node', line: 6 }]);
  });

  it('reads our Dockerfile: the last stage is the runtime one, with its COPY --from lines', () => {
    const stages = parseDockerfile(readFileSync(join(__dirname, '..', '..', 'docker', 'Dockerfile'), 'utf8'));
    const runtime = stages[stages.length - 1];
    expect(runtime?.name).toBe('runtime');
    const copies = runtime?.instructions.filter((i) => i.keyword === 'COPY') ?? [];
    expect(copies.length).toBeGreaterThan(3);
    for (const copy of copies) expect(splitFlags(copy.args).flags.from).toBe('build');
  });

  it('reads ENV in both forms, flags, exec and shell forms, COPY paths', () => {
    expect(parseEnv('A=1 B="two words" C=x\\ y')).toEqual({ A: '1', B: 'two words', C: 'x y' });
    expect(parseEnv('LEGACY one value')).toEqual({ LEGACY: 'one value' });
    expect(splitFlags('--from=build --link /a ./')).toEqual({
      flags: { from: 'build', link: 'true' },
      rest: '/a ./',
    });
    expect(commandOf('["node", "x.js"]')).toEqual(['node', 'x.js']);
    expect(commandOf('find . -delete')).toEqual(['/bin/sh', '-c', 'find . -delete']);
    expect(copyPaths('/a/b /a/c ./d/')).toEqual({ sources: ['/a/b', '/a/c'], dest: './d/' });
  });

  it('matches .dockerignore and turbo output globs as Docker and turbo do', () => {
    expect(globToRegExp('**/dist').test('services/clients/dist')).toBe(true);
    expect(globToRegExp('**/dist').test('dist')).toBe(true);
    expect(globToRegExp('.data').test('services/.data')).toBe(false);
    expect(globToRegExp('dist/**').test('dist/a/b.js')).toBe(true);
    expect(globToRegExp('src/*.ts').test('src/a/b.ts')).toBe(false);
  });
});
