import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { eventually } from '@fidu/service-kit/testing';
import type { SubgraphName } from './config';
import { mountFileProxy } from './file-proxy';

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/**
 * The proxy against a fake subgraph that streams without end, so what happens to the upstream
 * request can be observed directly.
 */
describe('file proxy: aborts travel both ways', () => {
  const servers: http.Server[] = [];
  let upstreamClosed: number;
  let failMidStream: boolean;
  let proxyUrl: string;

  async function listen(handler: http.RequestListener): Promise<string> {
    const server = http.createServer(handler);
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    const upstream = await listen((req, res) => {
      res.once('close', () => (upstreamClosed += 1));
      res.writeHead(200, { 'content-type': 'text/csv' });
      let sent = 0;
      const pump = () => {
        while (!res.destroyed) {
          if (failMidStream && sent >= 4) return void req.socket.destroy();
          sent += 1;
          if (!res.write(CHUNK)) return void res.once('drain', pump);
        }
      };
      pump();
    });
    const app = express();
    const urls = { connectors: `${upstream}/graphql` } as Record<SubgraphName, string>;
    mountFileProxy(app, urls, pino({ level: 'silent' }), { idleTimeoutMs: 60_000 });
    proxyUrl = `${await listen(app)}/files/connectors/downloads/token/file.csv`;
  });
  beforeEach(() => {
    upstreamClosed = 0;
    failMidStream = false;
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  it('aborts the upstream request when the caller disconnects mid-transfer', async () => {
    const req = http.get(proxyUrl);
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    await once(res, 'data');
    expect(upstreamClosed).toBe(0);
    res.destroy();
    await eventually('the upstream request was closed', async () => upstreamClosed === 1);
  });

  it('ends the response, truncated, when the upstream fails mid-transfer', async () => {
    failMidStream = true;
    const req = http.get(proxyUrl);
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    expect(res.statusCode).toBe(200);
    const ended = new Promise<Error | undefined>((resolve) => {
      res.once('error', resolve);
      res.once('end', () => resolve(undefined));
    });
    res.resume();
    expect((await ended)?.message).toBe('aborted');
    expect(res.complete).toBe(false);
  });
});
