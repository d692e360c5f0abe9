import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { PRINCIPAL_HEADER, verifyPrincipal } from '@fidu/service-kit';
import { SignedPrincipalDataSource } from './signed-principal-data-source';
import { createSubgraphFetcher } from './subgraph-fetcher';

/** The kind the gateway gives an operation's subgraph fetch (its enum is not exported by @apollo/gateway). */
const INCOMING_OPERATION = 'incoming operation' as never;

const FETCH_OPTIONS = {
  keepAliveTimeoutMs: 4000,
  timeoutMs: 5000,
  // Every test here fails fetches on purpose: the circuit must not open in between.
  breakerFailures: 1000,
  breakerHalfOpenAfterMs: 1000,
};

interface LogLine {
  level: number;
  msg: string;
  subgraph?: string;
  code?: string;
  status?: number;
  requestId?: string;
}

/** A subgraph fetch that fails is logged with its cause and leaves errors with paths, never internals. */
describe('subgraph data source: failed fetches', () => {
  const fetcher = createSubgraphFetcher(FETCH_OPTIONS);
  const logs: LogLine[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString()));
        done();
      },
    }),
  );
  let failing: http.Server;
  let failingUrl: string;
  let closedUrl: string;

  const source = (url: string) =>
    new SignedPrincipalDataSource(url, {
      name: 'connectors',
      signingSecret: 's',
      fetcher: fetcher.forSubgraph('connectors'),
      log,
      timeouts: { timeoutMs: 5000, longTimeoutMs: 5000 },
    });
  const fetchAs = (url: string, query: string, variables: Record<string, unknown> = {}) =>
    source(url).process({
      kind: INCOMING_OPERATION,
      request: { query, variables },
      context: { principal: { kind: 'operator', userId: 'op' }, requestId: 'req-0001-abcd' },
      incomingRequestContext: {} as never,
      // No `document` (the gateway passes the plan's, exposeDocumentNodeInFetchNode): the text is parsed.
      pathInIncomingRequest: [],
    });

  beforeAll(async () => {
    failing = http.createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<pre>Error at /srv/app/secret.js</pre>');
    });
    failing.listen(0, '127.0.0.1');
    await once(failing, 'listening');
    failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/graphql`;
    // A port that was just free: nothing listens there.
    const probe = http.createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/graphql`;
    await new Promise((r) => probe.close(r));
  });
  beforeEach(() => {
    logs.length = 0;
  });
  afterAll(async () => {
    failing.close();
    await fetcher.close();
  });

  it('logs an unreachable subgraph with its name, network cause and request id', async () => {
    await fetchAs(closedUrl, '{ connectors { id } }');
    expect(logs).toEqual([
      expect.objectContaining({
        level: 50,
        subgraph: 'connectors',
        code: 'ECONNREFUSED',
        requestId: 'req-0001-abcd',
        msg: 'subgraph fetch failed: connectors (ECONNREFUSED)',
      }),
    ]);
  });

  it('logs a subgraph answering 500 with the status', async () => {
    await fetchAs(failingUrl, '{ connectors { id } }');
    expect(logs).toEqual([expect.objectContaining({ subgraph: 'connectors', status: 500 })]);
  });

  it('answers a failed root fetch with one error per root field, with its path and no internals', async () => {
    const res = await fetchAs(closedUrl, '{ connectors { id } all: connectorSoftwares { id } __typename }');
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([
      {
        message: 'A part of the service is temporarily unavailable.',
        path: ['connectors'],
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      },
      {
        message: 'A part of the service is temporarily unavailable.',
        path: ['all'],
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      },
    ]);
    expect(JSON.stringify(res)).not.toMatch(/127\.0\.0\.1|http:|ECONN|secret/);
  });

  it('answers a failed entity fetch with one error per entity and field, at the _entities paths the gateway hydrates', async () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      __typename ... on Client { connectorAssociation { associatedAt } } } }`;
    const representations = [
      { __typename: 'Client', id: 'a' },
      { __typename: 'Client', id: 'b' },
    ];
    const res = await fetchAs(failingUrl, query, { representations });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 0, 'connectorAssociation'], 'SERVICE_UNAVAILABLE'],
      [['_entities', 1, 'connectorAssociation'], 'SERVICE_UNAVAILABLE'],
    ]);
  });
});

/** Every fake-able timer but the Date: sockets and timeouts run on real time. */
const NOT_THE_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/** The principal is signed once per incoming request and that signature is what every fetch carries. */
describe('subgraph data source: signed principal', () => {
  const fetcher = createSubgraphFetcher(FETCH_OPTIONS);
  const seen: string[] = [];
  let subgraph: http.Server;
  let url: string;

  beforeAll(async () => {
    subgraph = http.createServer((req, res) => {
      seen.push(String(req.headers[PRINCIPAL_HEADER]));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"ok":true}}');
    });
    subgraph.listen(0, '127.0.0.1');
    await once(subgraph, 'listening');
    url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    subgraph.close();
    await fetcher.close();
  });

  const fetchWith = (name: string, context: object) =>
    new SignedPrincipalDataSource(url, {
      name,
      signingSecret: 's',
      fetcher: fetcher.forSubgraph(name),
      log: pino({ level: 'silent' }),
      timeouts: { timeoutMs: 5000, longTimeoutMs: 5000 },
    }).process({
      kind: INCOMING_OPERATION,
      request: { query: '{ ok }', variables: {}, http: { method: 'POST', url, headers: new Headers() } },
      context,
      incomingRequestContext: {} as never,
      pathInIncomingRequest: [],
    } as never);

  it('signs once per request: the fetches of one request share a signature, another request gets its own', async () => {
    const first = { principal: { kind: 'operator', userId: 'op-1' }, requestId: 'req-0001-aaaa' };
    const second = { principal: { kind: 'operator', userId: 'op-2' }, requestId: 'req-0002-bbbb' };
    // Only the clock of Date moves (5 s between two fetches of one request): a signature made per
    // fetch would carry another `iat`, so equal headers mean one signature reused.
    jest.useFakeTimers({ doNotFake: [...NOT_THE_DATE] });
    try {
      await fetchWith('mandates', first);
      jest.setSystemTime(Date.now() + 5_000);
      await fetchWith('connectors', first);
      await fetchWith('mandates', second);
    } finally {
      jest.useRealTimers();
    }
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).not.toBe(seen[0]);
    expect(await verifyPrincipal(seen[0]!, 's')).toEqual({
      principal: first.principal,
      requestId: first.requestId,
    });
    expect(await verifyPrincipal(seen[2]!, 's')).toEqual({
      principal: second.principal,
      requestId: second.requestId,
    });
  });
});
