import { extendSchema, GraphQLError, GraphQLObjectType, parse, type GraphQLSchema } from 'graphql';
import { requireUuid, toGraphQLError, DomainError, type Principal } from '@fidu/service-kit';
import { audienceOf, mayFollow, type SubscriptionFeed } from './feed';
import type { EventHub } from './event-hub';
import { createPushIterator } from './push-iterator';
import { delegatedSelectionOf, type SupergraphLoader } from './supergraph-loader';

/** What every subscription resolver sees. */
export interface SubscriptionContext {
  principal: Principal;
  loader: SupergraphLoader;
}

/** The gateway-owned part of the schema: `type Subscription` and the payload types of every feed. */
export function subscriptionSdl(feeds: readonly SubscriptionFeed[]): string {
  return `extend schema { subscription: Subscription }

"""
Live events, over WebSocket (graphql-ws protocol) on the gateway's /graphql path. Each event reaches
only the principals allowed to see it; object fields (e.g. \`client\`) are resolved when the event is
delivered, through the supergraph, with your permissions.
"""
type Subscription {${feeds.map((f) => f.fieldSdl).join('\n')}
}
${feeds.map((f) => f.typesSdl).join('\n')}
`;
}

/**
 * The supergraph's API schema (for validation and for the types payloads link to) extended with
 * the feeds; root fields subscribe to the hub, linked fields load through the supergraph.
 */
export function buildSubscriptionSchema(
  apiSchema: GraphQLSchema,
  feeds: readonly SubscriptionFeed[],
  hub: Pick<EventHub, 'listen'>,
  options: { queueLimit: number },
): GraphQLSchema {
  const schema = extendSchema(apiSchema, parse(subscriptionSdl(feeds)), { assumeValidSDL: false });
  const root = schema.getSubscriptionType() as GraphQLObjectType;
  for (const feed of feeds) {
    const field = root.getFields()[feed.field];
    if (!field)
      throw new Error(
        `subscription feed ${feed.field}: its fieldSdl does not define Subscription.${feed.field}`,
      );
    field.resolve = (payload) => payload;
    field.subscribe = (_root, args: Record<string, unknown>, context: SubscriptionContext) => {
      const audience = audienceOf(context.principal);
      if (!audience || !mayFollow(feed, context.principal)) {
        const who =
          context.principal.kind === 'partner'
            ? `${context.principal.partnerType} partner`
            : `${context.principal.kind} principal`;
        throw new GraphQLError(`${feed.field} is not available to a ${who}.`, {
          extensions: { code: 'FORBIDDEN' },
        });
      }
      for (const [name, value] of Object.entries(args)) {
        // ID arguments name aggregates: bad ids are refused like on the HTTP path.
        if (typeof value === 'string' && /Id$/.test(name)) {
          try {
            requireUuid(value, name);
          } catch (error) {
            throw toGraphQLError(error as DomainError);
          }
        }
      }
      let unlisten = (): void => undefined;
      const { iterator, push } = createPushIterator<Record<string, unknown>>({
        limit: options.queueLimit,
        onEnd: () => unlisten(),
        onOverflow: () =>
          new GraphQLError(
            'This subscription fell too far behind the events and was ended; subscribe again.',
            {
              extensions: { code: 'SUBSCRIPTION_OVERFLOW' },
            },
          ),
      });
      unlisten = hub.listen(feed.field, audience, (payload) => {
        if (!feed.matches || feed.matches(payload, args)) push(payload);
      });
      return iterator;
    };
    const payloadType = schema.getType(feed.payloadType);
    if (!(payloadType instanceof GraphQLObjectType))
      throw new Error(`subscription feed ${feed.field}: no object type ${feed.payloadType}`);
    // Feeds that share a payload type share its links: set once.
    for (const [name, link] of Object.entries(feed.links ?? {})) {
      const linked = payloadType.getFields()[name];
      if (!linked)
        throw new Error(`subscription feed ${feed.field}: ${feed.payloadType}.${name} is not defined`);
      linked.resolve = (payload: Record<string, unknown>, _args, context: SubscriptionContext, info) => {
        const id = link.idOf(payload);
        if (!id) return null;
        return context.loader.load(context.principal, link, delegatedSelectionOf(info), id);
      };
    }
  }
  return schema;
}
