import { buildSchema, execute, GraphQLError, parse, type ExecutionResult } from 'graphql';
import { createLogger, type Principal } from '@fidu/service-kit';
import { office, type SubscriptionFeed } from './feed';
import { EventHub } from './event-hub';
import { subscribePipelined } from './pipelined-subscribe';
import { buildSubscriptionSchema, type SubscriptionContext } from './subscription-schema';
import { subscriptionFieldResolver, SupergraphLoader, type ExecuteQuery } from './supergraph-loader';

const API = buildSchema(`
  type Query { thing(id: ID!): Thing }
  type Thing { id: ID! name: String! tags(first: Int): [String!]! owner: Owner secret: String }
  type Owner { email: String }
`);

/** A feed on a fake topic whose payload links `thing` to `Query.thing`. */
const FEED: SubscriptionFeed = {
  field: 'thingChanged',
  payloadType: 'ThingChanged',
  fieldSdl: '"Things." thingChanged(thingId: ID): ThingChanged!',
  example: 'subscription { thingChanged { thingId } }',
  typesSdl: '"A change." type ThingChanged { thingId: ID! "The thing." thing: Thing }',
  principalKinds: ['office'],
  topics: ['test.thing.v1'],
  toDelivery: (event) => ({ payload: { thingId: event.subject }, audience: [office(event.tenant)] }),
  matches: (payload, args) => args.thingId == null || args.thingId === payload.thingId,
  links: { thing: { queryField: 'thing', idArgument: 'id', idOf: (p) => p.thingId as string } },
};

const OFFICE: Principal = { kind: 'office', officeId: 'o1', userId: 'u1', roles: [] };
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function setup(limits = { maxAliases: 15, maxTokens: 2000 }, refuseBatches = false) {
  const log = createLogger('test', 'silent');
  const hub = new EventHub({ bus: {} as never, feeds: [FEED], log, groupId: 'g' });
  const queries: string[] = [];
  // The "supergraph": the fake API schema executed locally, with an error on Thing.secret.
  const run: ExecuteQuery = async (request) => {
    queries.push(request.query);
    if (refuseBatches && (request.query.match(/item\d+:/g) ?? []).length > 1) {
      return {
        data: null,
        errors: [{ message: 'Query is too expensive.', extensions: { code: 'BAD_USER_INPUT' } }],
      };
    }
    const result = await execute({
      schema: API,
      document: parse(request.query),
      variableValues: request.variables,
      rootValue: {
        thing: ({ id }: { id: string }) =>
          id === ID(404)
            ? null
            : {
                id,
                name: `thing ${id.slice(-3)}`,
                tags: ({ first }: { first?: number }) => ['a', 'b', 'c'].slice(0, first ?? 3),
                owner: { email: 'o@x.be' },
                secret: () => {
                  throw new GraphQLError('nope', { extensions: { code: 'FORBIDDEN' } });
                },
              },
      },
    });
    return {
      data: result.data as Record<string, unknown> | null,
      errors: result.errors?.map((e) => e.toJSON()),
    };
  };
  const loader = new SupergraphLoader(run, limits, log);
  const schema = buildSubscriptionSchema(API, [FEED], hub, { queueLimit: 10 });
  const open = async (query: string, variableValues: Record<string, unknown> = {}) => {
    const contextValue: SubscriptionContext = { principal: OFFICE, loader };
    const result = await subscribePipelined({
      schema,
      document: parse(query),
      variableValues,
      contextValue,
      fieldResolver: subscriptionFieldResolver,
    });
    if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result));
    return result as AsyncIterableIterator<ExecutionResult> & {
      return(v?: unknown): Promise<IteratorResult<ExecutionResult>>;
    };
  };
  let sequence = 0;
  const push = (thingId: string) =>
    hub.dispatch('test.thing.v1', {
      id: `e${++sequence}`,
      type: 't',
      source: 's',
      time: new Date(),
      tenant: 'o1',
      correlationId: 'c',
      subject: thingId,
      payload: {} as never,
    });
  return { hub, loader, queries, open, push };
}

describe('subscription schema and supergraph loader', () => {
  it('resolves linked objects through the supergraph with aliases, fragments and variables intact', async () => {
    const { open, push, queries } = setup();
    const it = await open(
      `subscription($n: Int) { thingChanged { thingId thing { label: name ...F } } } fragment F on Thing { tags(first: $n) owner { email } }`,
      { n: 2 },
    );
    const next = it.next();
    push(ID(1));
    const { value } = await next;
    expect(value).toEqual({
      data: {
        thingChanged: {
          thingId: ID(1),
          thing: { label: 'thing 001', tags: ['a', 'b'], owner: { email: 'o@x.be' } },
        },
      },
    });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain('fragment F on Thing');
  });

  it('one fetch for one event reaching many subscribers with the same selection; each id once', async () => {
    const { open, push, queries, hub } = setup();
    const its = await Promise.all(
      Array.from({ length: 50 }, () => open('subscription { thingChanged { thing { name } } }')),
    );
    expect(hub.listenerCount()).toBe(50);
    const results = Promise.all(its.map((i) => i.next()));
    push(ID(7));
    expect(
      (await results).every(
        (r) => (r.value as ExecutionResult<any>).data.thingChanged.thing.name === 'thing 007',
      ),
    ).toBe(true);
    expect(queries).toHaveLength(1);
    await Promise.all(its.map((i) => i.return(undefined)));
    expect(hub.listenerCount()).toBe(0);
  });

  it('a burst for one subscriber is fetched in batches sized by the alias limit, delivered in order', async () => {
    const { open, push, queries } = setup({ maxAliases: 4, maxTokens: 2000 });
    const it = await open('subscription { thingChanged { thing { n: name } } }');
    for (let i = 1; i <= 6; i++) push(ID(i));
    const names: string[] = [];
    for (let i = 1; i <= 6; i++)
      names.push(((await it.next()).value as ExecutionResult<any>).data.thingChanged.thing.n);
    expect(names).toEqual([1, 2, 3, 4, 5, 6].map((i) => `thing 00${i}`));
    // One alias in the selection + the item alias: 2 items per operation under a limit of 4 aliases.
    expect(queries.map((q) => (q.match(/item\d+:/g) ?? []).length)).toEqual([2, 2, 2]);
  });

  it('splits a batch the supergraph refuses as a whole, down to one id per operation', async () => {
    const { open, push, queries } = setup({ maxAliases: 15, maxTokens: 2000 }, true);
    const it = await open('subscription { thingChanged { thing { name } } }');
    for (let i = 1; i <= 3; i++) push(ID(i));
    const names: string[] = [];
    for (let i = 1; i <= 3; i++)
      names.push(((await it.next()).value as ExecutionResult<any>).data.thingChanged.thing.name);
    expect(names).toEqual(['thing 001', 'thing 002', 'thing 003']);
    expect(queries.map((q) => (q.match(/item\d+:/g) ?? []).length)).toEqual([3, 2, 1, 1, 1]);
  });

  it("keeps the supergraph's errors on their fields, and null for an invisible object", async () => {
    const { open, push } = setup();
    const it = await open('subscription { thingChanged { thingId thing { name secret } } }');
    const first = it.next();
    push(ID(2));
    const { value } = (await first) as { value: ExecutionResult<any> };
    expect(value.data.thingChanged.thing).toEqual({ name: 'thing 002', secret: null });
    expect(value.errors?.map((e) => [e.message, e.path, e.extensions.code])).toEqual([
      ['nope', ['thingChanged', 'thing', 'secret'], 'FORBIDDEN'],
    ]);
    const second = it.next();
    push(ID(404));
    expect(((await second).value as ExecutionResult<any>).data.thingChanged.thing).toBeNull();
  });

  it('ends the stream when the subscriber leaves, freeing its listener', async () => {
    const { open, hub } = setup();
    const it = await open('subscription { thingChanged { thingId } }');
    const pending = it.next();
    expect(hub.listenerCount()).toBe(1);
    await it.return(undefined);
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    expect(hub.listenerCount()).toBe(0);
  });

  it('filters by the field arguments', async () => {
    const { open, push } = setup();
    const it = await open(`subscription { thingChanged(thingId: "${ID(9)}") { thingId } }`);
    const next = it.next();
    push(ID(8));
    push(ID(9));
    expect(((await next).value as ExecutionResult<any>).data.thingChanged.thingId).toBe(ID(9));
  });
});
