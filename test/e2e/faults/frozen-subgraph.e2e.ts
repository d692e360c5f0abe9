import net from 'node:net';
import { once } from 'node:events';
import type { GatewayApp } from '@fidu/gateway';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import { newOffice, startSystem, type TestSystem } from '../../support/system';

const TIMEOUT_MS = 2_000;
const QUERY = `{ clients { edges { node { companyName connectorAssociation { associatedAt } mandateProfile { version } } } } }`;

/**
 * A frozen subgraph (a SIGSTOPped process: the kernel still accepts connections, nothing answers)
 * costs callers at most the fetch deadline: partial data with SERVICE_UNAVAILABLE on its fields,
 * then, once its circuit is open, no wait at all. Readiness says which subgraph is missing while
 * liveness stays up.
 */
describe('faults: a frozen subgraph yields partial data within the timeout', () => {
  let sys: TestSystem;
  let token: string;
  let gateway: GatewayApp;
  let url: string;
  const frozenSockets: net.Socket[] = [];
  const frozen = net.createServer((socket) => frozenSockets.push(socket));

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.token(newOffice());
    await sys.gql(token, CREATE_CLIENT, { input: clientInput(1) });
    frozen.listen(0, '127.0.0.1');
    await once(frozen, 'listening');
    const frozenUrl = `http://127.0.0.1:${(frozen.address() as net.AddressInfo).port}/graphql`;
    ({ gateway, url } = await sys.startGateway({
      env: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
      adjust: (config) => ({
        ...config,
        subgraphUrls: { ...config.subgraphUrls, connectors: frozenUrl },
        // Once open, the circuit stays open for the whole file: on a loaded machine the default 10 s
        // could pass during the asks below and make the last one a trial fetch that waits again.
        subgraphFetch: { ...config.subgraphFetch, breakerHalfOpenAfterMs: 600_000 },
      }),
    }));
    // Warm the healthy subgraphs' first request (pool connections, JIT): only the frozen one may be slow.
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `{ clients { edges { node { companyName mandateProfile { version } } } } }`,
      }),
    });
  }, 120_000);
  afterAll(async () => {
    for (const socket of frozenSockets) socket.destroy();
    frozen.close();
    await gateway?.stop();
    await sys?.stop();
  });

  const ask = async () => {
    const started = Date.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY }),
    });
    return { status: res.status, body: (await res.json()) as any, ms: Date.now() - started };
  };

  it('answers the other subgraphs’ fields and SERVICE_UNAVAILABLE on the frozen one’s, within the deadline', async () => {
    const answers = await Promise.all(Array.from({ length: 3 }, ask));
    for (const { status, body, ms } of answers) {
      expect(status).toBe(200);
      expect(body.data.clients.edges[0].node).toMatchObject({
        companyName: 'Client 0001 SRL',
        connectorAssociation: null,
      });
      expect(body.errors.map((e: any) => [e.path.at(-1), e.extensions.code])).toEqual([
        ['connectorAssociation', 'SERVICE_UNAVAILABLE'],
      ]);
      // The deadline plus the rest of the request on a loaded machine; never the minutes it took before.
      expect(ms).toBeLessThan(TIMEOUT_MS + 3_000);
    }
  });

  it('stops waiting on it at all once its circuit is open', async () => {
    // Five failures in a row open the circuit (SUBGRAPH_BREAKER_FAILURES default).
    for (let i = 0; i < 5; i++) await ask();
    const { body, ms } = await ask();
    expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.data.clients.edges[0].node.companyName).toBe('Client 0001 SRL');
    expect(ms).toBeLessThan(TIMEOUT_MS);
  });

  it('reports the frozen subgraph in readiness (degraded) while liveness answers', async () => {
    const live = await fetch(url.replace(/\/graphql$/, '/health/live'));
    expect(live.status).toBe(200);
    // The healthy subgraphs answer their probes within its 1 s on a loaded machine only most of the time.
    const body = await eventually(
      'readiness answers 200',
      async () => {
        const ready = await fetch(url.replace(/\/graphql$/, '/health/ready'));
        return ready.status === 200 && ((await ready.json()) as any);
      },
      60_000,
      1_100,
    );
    expect(body.status).toBe('degraded');
    expect(body.subgraphs.connectors).toEqual({ ready: false, serving: false, circuit: 'open' });
    expect(body.subgraphs.clients.ready).toBe(true);
  });
});
