import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
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
      // No `document`: the gateway passes one only with exposeDocumentNodeInFetchNode, which we do not set.
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
