import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { MandatesContext } from '../context';
import { clientResolvers } from './client.resolvers';
import { referenceDataResolvers } from './reference-data.resolvers';

type ResolverMap = GraphQLResolverMap<MandatesContext>;

/**
 * Merges per-type resolver maps (several files add to Query, and later to Mutation). A field
 * resolved twice is a wiring mistake: fail at start-up rather than let one silently win.
 */
function mergeResolverMaps(maps: ResolverMap[]): ResolverMap {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      const existing = merged[typeName] ?? {};
      const twice = Object.keys(fields).filter((field) => field in existing);
      if (twice.length > 0) throw new Error(`resolved twice: ${twice.map((f) => `${typeName}.${f}`).join(', ')}`);
      merged[typeName] = { ...existing, ...(fields as Record<string, unknown>) };
    }
  }
  return merged as ResolverMap;
}

/** Every resolver of the mandates subgraph. */
export const mandatesResolvers: ResolverMap = mergeResolverMaps([referenceDataResolvers, clientResolvers]);
