import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { subgraphSdl } from './service-kit/src/server/load-schema';

/**
 * The Apollo Federation 2 directives our subgraphs use, declared so GraphQL Code Generator can build
 * the schema (Apollo adds them itself at run time). Declaring `@key`, `@external`, `@requires` and
 * `@provides` also stops the generator from injecting its Federation 1 versions of them.
 */
const FEDERATION_DIRECTIVES = /* GraphQL */ `
  scalar link__Import
  scalar federation__FieldSet
  scalar _FieldSet
  directive @link(url: String!, as: String, import: [link__Import]) repeatable on SCHEMA
  directive @key(fields: _FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @external on OBJECT | FIELD_DEFINITION
  directive @requires(fields: _FieldSet!) on FIELD_DEFINITION
  directive @provides(fields: _FieldSet!) on FIELD_DEFINITION
  directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
  directive @override(from: String!) on FIELD_DEFINITION
  directive @tag(
    name: String!
  ) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
`;

export interface ServiceCodegenOptions {
  /** The service's folder (pass `__dirname` from its codegen.ts). */
  serviceDir: string;
  /** The per-request context, as `<path from src/graphql/generated/>#<Type>`, e.g. `../../context#ClientsContext`. */
  contextType: string;
  /**
   * GraphQL type name -> the TypeScript type its resolvers receive as parent (entity or row), as
   * `<path from src/graphql/generated/>#<Type>`, e.g. `{ Client: '../../db/client.entity#ClientEntity' }`.
   */
  mappers?: Record<string, string>;
}

/**
 * The GraphQL Code Generator config of one subgraph: resolver types generated from the SDL the
 * service serves (its schema.graphql plus the kit's shared types it uses), federation-aware
 * (`__resolveReference` typed from the `@key` fields). Output: src/graphql/generated/resolvers-types.ts,
 * made by the build and never committed; resolver files import it with `import type` only, so
 * transpile-only test runs work whether it exists or not.
 */
export function serviceCodegenConfig(options: ServiceCodegenOptions): CodegenConfig {
  const output = join(options.serviceDir, 'src', 'graphql', 'generated', 'resolvers-types.ts');
  return {
    overwrite: true,
    silent: true,
    schema: [subgraphSdl(join(options.serviceDir, 'src', 'schema.graphql')), FEDERATION_DIRECTIVES],
    generates: {
      [output]: {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          contextType: options.contextType,
          mappers: options.mappers ?? {},
          useIndexSignature: true,
          // GraphQL enums as string unions, so resolvers return the plain strings the domain uses.
          enumsAsTypes: true,
          // Our scalars travel as strings: DateTime as ISO-8601, Date as YYYY-MM-DD.
          scalars: { DateTime: 'string', Date: 'string' },
          useTypeImports: true,
        },
      },
    },
  };
}
