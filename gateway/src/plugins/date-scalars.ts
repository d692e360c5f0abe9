import { GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { DATE_SCALARS } from '@fidu/service-kit';

/**
 * The supergraph's API schema declares Date and DateTime without behaviour (any value passes).
 * Copies the kit's parsing onto them, so literals (validation) and variables (the gateway's
 * coercion) are checked here with the same codes the subgraphs use, before any fetch.
 */
export function installDateScalars(schema: GraphQLSchema): void {
  for (const [name, impl] of Object.entries(DATE_SCALARS)) {
    const type = schema.getType(name);
    if (!(type instanceof GraphQLScalarType)) continue;
    type.parseValue = impl.parseValue;
    type.parseLiteral = impl.parseLiteral;
  }
}
