import { Readable } from 'node:stream';
import type express from 'express';
import type { Logger } from '@fidu/service-kit';
import type { SubgraphName } from './config';

/**
 * Which paths of a subgraph are files callers may download through the gateway. Such links carry
 * their own short-lived signature (made by the subgraph), so the proxy adds no authentication;
 * every other path stays unreachable, as subgraphs are never exposed.
 */
const FILE_PATHS: Partial<Record<SubgraphName, RegExp>> = {
  connectors: /^\/downloads\/[^/]+\/[^/]+$/,
  'titres-services': /^\/(exports\/[a-z-]+\.csv|invoices\/[0-9a-f-]{36}\.pdf)$/,
};

const PASSED_HEADERS = ['content-type', 'content-disposition', 'content-length', 'cache-control'];

/** `GET /files/<subgraph>/<path>`: streams a subgraph's signed download to the caller. */
export function mountFileProxy(
  app: express.Express,
  subgraphUrls: Record<SubgraphName, string>,
  log: Logger,
): void {
  app.get('/files/:service/*rest', async (req, res) => {
    const service = req.params.service as SubgraphName;
    const path = `/${([] as string[]).concat(req.params.rest ?? []).join('/')}`;
    const allowed = FILE_PATHS[service];
    if (!allowed || !allowed.test(path)) {
      res.status(404).json({ errors: [{ message: 'No such file.', extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const target = new URL(path + query, subgraphUrls[service]);
    try {
      const upstream = await fetch(target, { signal: AbortSignal.timeout(60_000) });
      res.status(upstream.status);
      for (const name of PASSED_HEADERS) {
        const value = upstream.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      if (!upstream.body) return void res.end();
      Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream).pipe(res);
    } catch (error) {
      log.warn({ err: error, service }, 'file proxy could not reach the subgraph');
      res.status(502).json({
        errors: [
          {
            message: 'A part of the service is temporarily unavailable.',
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          },
        ],
      });
    }
  });
}
