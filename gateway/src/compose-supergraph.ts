/**
 * Composes the supergraph at build time from each subgraph's schema.graphql with
 * @apollo/composition and writes gateway/supergraph.graphql (checked in: it is the contract
 * reviewers read). `--check` fails when composition fails or the file is out of date (CI).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { subgraphSdl } from '@fidu/service-kit';
import { SUBGRAPHS } from './config';

const root = join(__dirname, '..', '..');
const target = join(__dirname, '..', 'supergraph.graphql');
const check = process.argv.includes('--check');

const result = composeServices(
  SUBGRAPHS.map((name, i) => ({
    name,
    // Placeholder routing URLs; the gateway routes by name to the URLs of its config.
    url: `http://${name}:${4001 + i}/graphql`,
    typeDefs: parse(subgraphSdl(join(root, 'services', name, 'src', 'schema.graphql'))),
  })),
);

if (result.errors) {
  for (const error of result.errors) process.stderr.write(`composition error: ${error.message}\n`);
  process.exit(1);
}
const sdl = `${result.supergraphSdl.trim()}\n`;
if (check) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== sdl) {
    process.stderr.write(
      'gateway/supergraph.graphql is out of date: run `npm run compose -w @fidu/gateway` and commit it.\n',
    );
    process.exit(1);
  }
  process.stdout.write('supergraph is up to date\n');
} else {
  writeFileSync(target, sdl);
  process.stdout.write(`wrote ${target}\n`);
}
