import type { GraphQLFieldResolver, GraphQLScalarType } from 'graphql';

/* eslint-disable @typescript-eslint/no-explicit-any -- a field's parent (source) type differs per
   type and field; one map over all of them can only say `any`, as @apollo/subgraph's own does. */

/**
 * The resolvers a subgraph schema takes: per type, its field resolvers (or a federation
 * `__resolveReference`), a custom scalar, or an enum's internal values. The shape
 * `buildSubgraphSchema` accepts, written here because @apollo/subgraph exports its own name for it
 * only from a dist/ file, which nothing imports.
 */
export interface GraphQLResolverMap<TContext = object> {
  [typeName: string]:
    | {
        [fieldName: string]:
          | GraphQLFieldResolver<any, TContext>
          | {
              requires?: string;
              resolve?: GraphQLFieldResolver<any, TContext>;
              subscribe?: GraphQLFieldResolver<any, TContext>;
            };
      }
    | GraphQLScalarType
    | { [enumValue: string]: string | number };
}
