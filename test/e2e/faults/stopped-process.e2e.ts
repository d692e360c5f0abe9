import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createGateway, readConfig, type GatewayApp } from '@fidu/gateway';
import type { LauncherMessage } from '@fidu/service-kit';
import { createTestDatabase, eventually } from '@fidu/service-kit/testing';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
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
  let child: ChildProcess;
  let gateway: GatewayApp;
  let url: string;

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.token(newOffice());
    await sys.gql(token, CREATE_CLIENT, { input: clientInput(1) });
    child = fork(join(__dirname, '../../../services/connectors/dist/main.js'), [], {
      env: {
        ...process.env,
        DATABASE_URL: await createTestDatabase('connectors_stopped'),
        PORT: '0',
        KAFKA_GROUP_ID: `connectors-stopped-${crypto.randomUUID().slice(0, 8)}`,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // The service tells its parent where it listens (runMain's launcher message).
    const childUrl = await new Promise<string>((resolve, reject) => {
      child.on('message', (m: LauncherMessage) =>
        m.kind === 'listening' ? resolve(m.url) : reject(new Error(m.error)),
      );
      child.once('exit', (code) => reject(new Error(`connectors exited (${code})`)));
    });
    const base = readConfig({ NODE_ENV: 'test', SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) });
    gateway = await createGateway({
      ...base,
      port: 0,
      subgraphUrls: { ...sys.subgraphUrls, connectors: childUrl },
      subgraphFetch: { ...base.subgraphFetch, breakerHalfOpenAfterMs: 1_000 },
    });
    url = await gateway.listen(0);
  }, 180_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    }
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
    child.kill('SIGSTOP');
    const frozen = await ask();
    expect(frozen.body.data.clients.edges[0].node.companyName).toBe('Client 0001 SRL');
    expect(frozen.body.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(frozen.ms).toBeLessThan(TIMEOUT_MS + 3_000);
    child.kill('SIGCONT');
    // The circuit (if it opened) lets a trial fetch through after a second; then all is well again.
    await eventually('full answers again', async () => (await ask()).body.errors === undefined, 30_000);
  });
});
