import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
  mandates: /^\/documents\/[^/]+\/coda-mandate-[0-9a-f-]{36}-v\d+\.pdf$/,
  'titres-services': /^\/(exports\/[a-z-]+\.csv|invoices\/[0-9a-f-]{36}\.pdf)$/,
};

const PASSED_HEADERS = ['content-type', 'content-disposition', 'content-length', 'cache-control'];

export interface FileProxyOptions {
  /** How long the subgraph may take to start answering, and at most between two chunks of a transfer. */
  idleTimeoutMs: number;
}

/** Why a transfer ended early; the abort reason of the upstream request. */
class TransferEnded extends Error {
  constructor(readonly outcome: 'client-gone' | 'stalled') {
    super(outcome === 'client-gone' ? 'the client went away' : `no progress for the idle timeout`);
  }
}

function unavailable(res: express.Response, timedOut: boolean): void {
  res.status(timedOut ? 504 : 502).json({
    errors: [
      {
        message: 'A part of the service is temporarily unavailable.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      },
    ],
  });
}

/**
 * `GET /files/<subgraph>/<path>`: streams a subgraph's signed download to the caller. Whatever either
 * side does, the transfer is one `pipeline`: a caller that goes away aborts the upstream request, an
 * upstream that fails or stalls (no chunk for `idleTimeoutMs`) ends the response, and no stream is
 * ever left without an error listener (an unhandled stream error would end the process).
 */
export function mountFileProxy(
  app: express.Express,
  subgraphUrls: Record<SubgraphName, string>,
  log: Logger,
  options: FileProxyOptions,
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
    const upstream = new AbortController();
    let idle: NodeJS.Timeout | undefined;
    const stillAlive = () => {
      clearTimeout(idle);
      idle = setTimeout(() => upstream.abort(new TransferEnded('stalled')), options.idleTimeoutMs);
    };
    // 'close' without a finished response: the caller went away (or the response was destroyed).
    res.once('close', () => {
      if (!res.writableFinished) upstream.abort(new TransferEnded('client-gone'));
    });
    stillAlive();
    try {
      const response = await fetch(target, { signal: upstream.signal });
      res.status(response.status);
      for (const name of PASSED_HEADERS) {
        const value = response.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      if (!response.body) return void res.end();
      const progress = new Transform({
        transform(chunk, _encoding, done) {
          stillAlive();
          done(null, chunk);
        },
      });
      // On any failure pipeline destroys every stream: the caller sees a truncated transfer, the
      // subgraph a closed connection.
      await pipeline(
        Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
        progress,
        res,
        { signal: upstream.signal },
      );
    } catch (error) {
      const reason = upstream.signal.reason as unknown;
      const outcome = reason instanceof TransferEnded ? reason.outcome : 'upstream-error';
      if (outcome === 'client-gone') log.info({ service, outcome }, 'file download abandoned by the client');
      else log.warn({ err: error, service, outcome }, `file download ended: ${String(reason ?? error)}`);
      if (!res.headersSent && !res.destroyed) unavailable(res, outcome === 'stalled');
      else res.destroy();
      // An upstream that failed on its own: end its request too.
      if (!upstream.signal.aborted) upstream.abort(error);
    } finally {
      clearTimeout(idle);
    }
  });
}
