import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SignedPrincipalDataSource } from './signed-principal-data-source';
import { createSubgraphFetcher, type SubgraphFetcher } from './subgraph-fetcher';

/** The kind the gateway gives an operation's subgraph fetch (its enum is not exported by @apollo/gateway). */
const INCOMING_OPERATION = 'incoming operation' as never;

const TIMEOUT_MS = 300;
const LONG_TIMEOUT_MS = 1_500;
const HALF_OPEN_AFTER_MS = 500;

/** Timeouts, the circuit breaker and read retries, against real sockets that misbehave on purpose. */
describe('subgraph fetches: deadlines, circuit breaker, read retries', () => {
  let fetcher: SubgraphFetcher;
  // Accepts connections and never answers a byte: a frozen (SIGSTOPped) subgraph, as the gateway sees it.
  const frozenSockets: net.Socket[] = [];
  const frozen = net.createServer((socket) => frozenSockets.push(socket));
  // Answers after `delayMs`; counts requests; answers a retryable error to the first `failFirst` ones.
  const counting = { requests: 0, delayMs: 0, failFirst: 0, status: 200 };
  const answering = http.createServer((req, res) => {
    counting.requests += 1;
    const n = counting.requests;
    req.resume();
    setTimeout(() => {
      res.writeHead(counting.status, { 'content-type': 'application/json' });
      res.end(
        n <= counting.failFirst
          ? '{"data":null,"errors":[{"message":"db","extensions":{"code":"DATABASE_UNAVAILABLE","retryable":true}}]}'
          : '{"data":{"connectors":[]}}',
      );
    }, counting.delayMs);
  });
  let frozenUrl: string;
  let answeringUrl: string;

  const source = (url: string, name = 'connectors') =>
    new SignedPrincipalDataSource(url, {
      name,
      signingSecret: 's',
      fetcher: fetcher.forSubgraph(name),
      log: pino({ level: 'silent' }),
      timeouts: { timeoutMs: TIMEOUT_MS, longTimeoutMs: LONG_TIMEOUT_MS },
    });
  const run = (ds: SignedPrincipalDataSource, query: string) =>
    ds.process({
      kind: INCOMING_OPERATION,
      request: { query, variables: {} },
      context: { principal: { kind: 'operator', userId: 'op' }, requestId: 'req-0001-abcd' },
      incomingRequestContext: {} as never,
      pathInIncomingRequest: [],
    });

  beforeAll(async () => {
    fetcher = createSubgraphFetcher({
      keepAliveTimeoutMs: 4000,
      timeoutMs: TIMEOUT_MS,
      breakerFailures: 3,
      breakerHalfOpenAfterMs: HALF_OPEN_AFTER_MS,
    });
    frozen.listen(0, '127.0.0.1');
    answering.listen(0, '127.0.0.1');
    await Promise.all([once(frozen, 'listening'), once(answering, 'listening')]);
    frozenUrl = `http://127.0.0.1:${(frozen.address() as AddressInfo).port}/graphql`;
    answeringUrl = `http://127.0.0.1:${(answering.address() as AddressInfo).port}/graphql`;
  });
  beforeEach(() => Object.assign(counting, { requests: 0, delayMs: 0, failFirst: 0, status: 200 }));
  afterAll(async () => {
    for (const socket of frozenSockets) socket.destroy();
    frozen.close();
    answering.closeAllConnections();
    answering.close();
    await fetcher.close();
  });

  it('answers a frozen subgraph with SERVICE_UNAVAILABLE at the deadline, not later', async () => {
    const started = Date.now();
    const res = await run(source(frozenUrl, 'frozen'), '{ connectors { id } }');
    const elapsed = Date.now() - started;
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['connectors'], 'SERVICE_UNAVAILABLE'],
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2_000);
  });

  it('gives the long-running mutations their longer allowance, and other mutations the short one', async () => {
    counting.delayMs = TIMEOUT_MS + 300;
    const ds = source(answeringUrl, 'long');
    const importing = await run(ds, 'mutation { importClients(input: {}) { importedCount } }');
    expect(importing.errors).toBeUndefined();
    const creating = await run(ds, 'mutation { createClient(input: {}) { client { id } } }');
    expect(creating.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('opens the circuit after repeated failures, refuses at once, and closes it after a good trial fetch', async () => {
    counting.status = 503;
    const ds = source(answeringUrl, 'breaking');
    for (let i = 0; i < 3; i++) await run(ds, '{ connectors { id } }');
    expect(counting.requests).toBe(3);
    expect(fetcher.breakerStates().breaking).toBe('open');
    // Open: refused without a request.
    const refused = await run(ds, '{ connectors { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(counting.requests).toBe(3);
    // After halfOpenAfter, one trial fetch goes through; a good answer closes the circuit.
    counting.status = 200;
    const deadline = Date.now() + 10_000;
    let res = await run(ds, '{ connectors { id } }');
    while (res.errors && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      res = await run(ds, '{ connectors { id } }');
    }
    expect(res).toMatchObject({ data: { connectors: [] } });
    expect(fetcher.breakerStates().breaking).toBe('closed');
  });

  it('runs a read again once after a retryable error, never a write', async () => {
    counting.failFirst = 1;
    const read = await run(source(answeringUrl, 'retry-read'), '{ connectors { id } }');
    expect(read).toMatchObject({ data: { connectors: [] } });
    expect(counting.requests).toBe(2);

    Object.assign(counting, { requests: 0, failFirst: 1 });
    const write = await run(
      source(answeringUrl, 'retry-write'),
      'mutation { deleteConnector(input: {}) { id } }',
    );
    expect(write.errors?.[0]?.extensions).toEqual({ code: 'DATABASE_UNAVAILABLE', retryable: true });
    expect(counting.requests).toBe(1);
  });
});
