import cors from 'cors';
import type express from 'express';

/**
 * CORS for front-ends on other origins: only the allow-listed origins get the headers (credentials are
 * bearer tokens, never cookies). A preflight always answers 204; a browser on an origin that is not
 * listed then refuses the request itself because the allow headers are missing.
 */
export function corsMiddleware(allowedOrigins: readonly string[]): express.RequestHandler {
  const allowed = new Set(allowedOrigins);
  const withHeaders = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
  return (req, res, next) =>
    withHeaders(req, res, () => {
      // `cors` passes a preflight from an unlisted origin on; it would reach Apollo (400). End it here.
      if (req.method === 'OPTIONS') res.status(204).end();
      else next();
    });
}
