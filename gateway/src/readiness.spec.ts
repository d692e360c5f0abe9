import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createSubgraphReadiness } from './readiness';

/** The gateway's readiness from its subgraphs' own health answers. */
describe('gateway readiness', () => {
  const answers: Record<string, { status: number; checks: Record<string, boolean> }> = {
    a: { status: 200, checks: { database: true, kafka: true } },
    b: { status: 503, checks: { database: true, kafka: false } },
    c: { status: 503, checks: { database: false, kafka: true } },
  };
  let base: string;
  // One server per subgraph: `/health/ready` resolves against the origin of its GraphQL URL.
  const servers: http.Server[] = [];
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    for (const [name, answer] of Object.entries(answers)) {
      const server = http.createServer((_req, res) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ checks: answer.checks }));
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      servers.push(server);
      urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    }
    // A port nothing listens on.
    const probe = http.createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    base = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/graphql`;
    await new Promise((r) => probe.close(r));
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it('is ready when all are, degraded while any serves queries, not ready when none does', async () => {
    const circuits = () => ({ a: 'closed' as const });
    expect((await createSubgraphReadiness({ a: urls.a! }, circuits).check()).status).toBe('ready');
    const some = await createSubgraphReadiness({ a: urls.a!, c: urls.c!, gone: base }, circuits).check();
    expect(some).toEqual({
      status: 'degraded',
      subgraphs: {
        a: { ready: true, serving: true, circuit: 'closed' },
        c: { ready: false, serving: false, circuit: 'unused' },
        gone: { ready: false, serving: false, circuit: 'unused' },
      },
    });
    // Unready only for Kafka: its queries still work, so the gateway still serves.
    expect((await createSubgraphReadiness({ b: urls.b! }, circuits).check()).status).toBe('degraded');
    expect((await createSubgraphReadiness({ c: urls.c!, gone: base }, circuits).check()).status).toBe(
      'not ready',
    );
  });
});
