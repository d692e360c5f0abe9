import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { loadServiceSchema, serviceSchemaPath, subgraphSdl } from './load-schema';

const HEAD =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable"])\n';

function schemaFile(sdl: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kit-sdl-')), 'schema.graphql');
  writeFileSync(path, HEAD + sdl);
  return path;
}

describe('subgraphSdl: the kit’s PageInfo', () => {
  const a = schemaFile(
    'type A { id: ID! }\ntype AConnection { nodes: [A!]! pageInfo: PageInfo! }\ntype Query { as(first: Int, after: String): AConnection! }',
  );
  const b = schemaFile(
    'type B { id: ID! }\ntype BConnection { nodes: [B!]! pageInfo: PageInfo! }\ntype Query { bs(first: Int, after: String): BConnection! }',
  );

  it('is appended to a subgraph that refers to it, and not to one that does not', () => {
    expect(subgraphSdl(a)).toMatch(/type PageInfo @shareable/);
    expect(subgraphSdl(schemaFile('type Query { ping: String }'))).not.toMatch(/PageInfo/);
  });

  it('is not appended twice to a subgraph that still defines its own', () => {
    const own = schemaFile(
      'type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }\ntype Query { p: PageInfo }',
    );
    expect(subgraphSdl(own).match(/type PageInfo/g)).toHaveLength(1);
  });

  it('composes across subgraphs (shareable)', () => {
    const result = composeServices([
      { name: 'a', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(subgraphSdl(a)) },
      { name: 'b', url: 'http://127.0.0.1:2/graphql', typeDefs: parse(subgraphSdl(b)) },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.supergraphSdl).toMatch(/type PageInfo/);
  });
});

describe('serviceSchemaPath', () => {
  it('finds schema.graphql in src/ from src/ and from dist/ alike', () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-service-'));
    expect(serviceSchemaPath(join(root, 'src'))).toBe(join(root, 'src', 'schema.graphql'));
    expect(serviceSchemaPath(join(root, 'dist'))).toBe(join(root, 'src', 'schema.graphql'));
  });

  it('loads a service schema beside its code', () => {
    const root = mkdtempSync(join(tmpdir(), 'kit-service-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'schema.graphql'), `${HEAD}type Query { ping: String }`);
    expect(loadServiceSchema(join(root, 'dist')).kind).toBe('Document');
  });
});
