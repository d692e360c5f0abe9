import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { Logger } from '@fidu/service-kit';

/** Paths the console must never shadow: the API, file downloads, health, dev routes. */
const NOT_CONSOLE = /^\/(graphql|files|health|dev)(\/|$)/;

/**
 * Serves the built console (gateway/console/dist) at `/`: hashed assets are immutable, index.html is
 * revalidated on every load (so a new build is picked up at once), and any other GET that is not an
 * API path gets index.html (the console routes in the browser).
 */
export function mountConsole(app: express.Express, dir: string, log: Logger): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    log.warn({ dir }, 'console: not built (npm run build -w @fidu/console); `/` is not served');
    return false;
  }
  app.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      immutable: true,
      maxAge: '1y',
      index: false,
      fallthrough: false,
    }),
  );
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res) => res.setHeader('cache-control', 'no-cache'),
    }),
  );
  app.get(/.*/, (req, res, next) => {
    if (NOT_CONSOLE.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
