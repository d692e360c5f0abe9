import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { TitresServicesContext } from '../context';
import { approvedCompanyResolvers } from './approved-company.resolvers';
import { clientResolvers } from './client.resolvers';

type Resolvers = GraphQLResolverMap<TitresServicesContext>;

/** Merges resolver maps per type, so several files can each add fields to Query, Mutation or an entity. */
function mergeResolvers(...parts: Resolvers[]): Resolvers {
  const merged: Resolvers = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part))
      merged[type] = { ...merged[type], ...fields } as Resolvers[string];
  }
  return merged;
}

/** Every resolver of the subgraph. */
export const titresServicesResolvers: Resolvers = mergeResolvers(approvedCompanyResolvers, clientResolvers);
