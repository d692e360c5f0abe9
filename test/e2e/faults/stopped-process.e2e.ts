import type { GatewayApp } from '@fidu/gateway';
import { createTestDatabase, eventually } from '@fidu/service-kit/testing';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { forkService, type ServiceProcess } from '../../support/service-process';
import { newOffice, startSystem, type TestSystem } from '../../support/system';

const TIMEOUT_MS = 2_000;
const QUERY = `{ clients { edges { node { companyName connectorAssociation { associatedAt } } } } }`;

/**
 * The real thing: the connectors service as its own process, frozen with SIGSTOP (it keeps its port
 * and its connections, and answers nothing), then thawed with SIGCONT. Callers get partial data within
 * the deadline while it is frozen, and full answers again once it is back.
 */
describe('faults: a SIGSTOPped subgraph process', () => {
  let sys: TestSystem;
  let token: string;
  let connectors: ServiceProcess;
  let gateway: GatewayApp;
  let url: string;

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.token(newOffice());
    await sys.gql(token, CREATE_CLIENT, { input: clientInput(1) });
    connectors = await forkService('connectors', {
      DATABASE_URL: await createTestDatabase('connectors_stopped'),
      KAFKA_NAMESPACE: sys.kafkaNamespace,
      KAFKA_GROUP_ID: `connectors-stopped-${crypto.randomUUID().slice(0, 8)}`,
    });
    ({ gateway, url } = await sys.startGateway({
      env: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
      adjust: (config) => ({
        ...config,
        subgraphUrls: { ...config.subgraphUrls, connectors: connectors.url },
        subgraphFetch: { ...config.subgraphFetch, breakerHalfOpenAfterMs: 1_000 },
      }),
    }));
  }, 180_000);
  afterAll(async () => {
    await connectors?.stop();
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
    return { body: (await res.json()) as any, ms: Date.now() - started };
  };

  it('answers partial data within the deadline while frozen, and full answers after SIGCONT', async () => {
    await eventually('the child answers', async () => (await ask()).body.errors === undefined, 60_000);
    connectors.child.kill('SIGSTOP');
    const frozen = await ask();
    expect(frozen.body.data.clients.edges[0].node.companyName).toBe('Client 0001 SRL');
    expect(frozen.body.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(frozen.ms).toBeLessThan(TIMEOUT_MS + 3_000);
    connectors.child.kill('SIGCONT');
    // The circuit (if it opened) lets a trial fetch through after a second; then all is well again.
    await eventually('full answers again', async () => (await ask()).body.errors === undefined, 30_000);
  });
});
