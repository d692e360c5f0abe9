import type { GraphQLResolverMap } from './resolver-map';

/**
 * Merges per-file resolver maps type by type (several files add to Query, Mutation or an entity).
 * A field resolved twice is a wiring mistake: fail at start-up rather than let one silently win.
 */
export function mergeResolverMaps<TContext>(
  maps: GraphQLResolverMap<TContext>[],
): GraphQLResolverMap<TContext> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      const existing = merged[typeName] ?? {};
      const twice = Object.keys(fields).filter((field) => field in existing);
      if (twice.length > 0)
        throw new Error(`resolved twice: ${twice.map((f) => `${typeName}.${f}`).join(', ')}`);
      merged[typeName] = { ...existing, ...(fields as Record<string, unknown>) };
    }
  }
  return merged as GraphQLResolverMap<TContext>;
}
