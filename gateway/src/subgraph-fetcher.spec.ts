import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher, type SubgraphFetcher } from './subgraph-fetcher';

/**
 * A subgraph's Node server closes an idle keep-alive socket after its keepAliveTimeout (Node 20 adds
 * 1 s to the announced value). A client that keeps idle sockets longer sometimes sends a request on
 * one the server is closing: ECONNRESET. The test server announces 2 s, so it closes idle sockets
 * at 3 s; requests are sent in a burst (opening many sockets), then again in a tight spread around
 * the moment the server closes them. Apollo's former default fetcher (make-fetch-happen) failed
 * 20 of 1,240 such requests (2 rounds); the gateway's fetcher must fail none.
 */
describe('subgraph fetcher: no failed fetch when the subgraph closes idle keep-alive sockets', () => {
  const SERVER_KEEP_ALIVE_MS = 2000;
  /** When Node actually closes an idle socket (its keepAliveTimeout plus Node's 1 s buffer). */
  const SERVER_CLOSES_AFTER_MS = SERVER_KEEP_ALIVE_MS + 1000;
  let server: http.Server;
  let url: string;
  let fetcher: SubgraphFetcher;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end('{"data":{"ok":true}}');
      });
    });
    server.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    // As the gateway configures it (SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS default).
    fetcher = createSubgraphFetcher({
      keepAliveTimeoutMs: 4000,
      timeoutMs: 30_000,
      breakerFailures: 5,
      breakerHalfOpenAfterMs: 10_000,
    });
  });
  afterAll(async () => {
    await fetcher.close();
    server.closeAllConnections();
    server.close();
  });

  it('answers every request of bursts sent around the server closing idle sockets', async () => {
    const failures: Record<string, number> = {};
    let answered = 0;
    const one = async () => {
      try {
        const res = await fetcher.forSubgraph('test')(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ ok }"}',
        });
        expect(await res.json()).toEqual({ data: { ok: true } });
        answered += 1;
      } catch (error) {
        const e = error as { code?: string; cause?: { code?: string }; message: string };
        const key = e.cause?.code ?? e.code ?? e.message;
        failures[key] = (failures[key] ?? 0) + 1;
      }
    };
    const burst = (n: number) => Promise.all(Array.from({ length: n }, one));
    for (let round = 0; round < 2; round++) {
      await burst(200);
      // Wait for the idle sockets' closing moment (a timer, not a sleep: the race is the subject).
      await new Promise((r) => setTimeout(r, SERVER_CLOSES_AFTER_MS - 10));
      await Promise.all(
        Array.from(
          { length: 21 },
          (_, ms) => new Promise((r) => setTimeout(() => void burst(20).then(r), ms)),
        ),
      );
    }
    expect(failures).toEqual({});
    expect(answered).toBe(2 * (200 + 21 * 20));
    // 1,240 requests and two idle periods; slow on a loaded two-core machine.
  }, 120_000);
});
