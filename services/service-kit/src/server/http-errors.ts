import type express from 'express';
import { isPassingDatabaseFailure } from '../events/transient-failure';
import type { Logger } from '../logger';

/** The one shape every HTTP-level refusal takes, gateway and subgraphs alike. */
export function sendJsonError(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * POSTs to GraphQL must be JSON: anything else is refused here with 415, before Apollo (whose
 * CSRF and body checks answer plain text) or a 500 for a body nobody parsed.
 */
export function requireJsonBody(
  req: express.Request,
  res: express.Response,
  next: express.NextFunction,
): void {
  if (req.method === 'POST' && !req.is('application/json')) {
    sendJsonError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send GraphQL requests as application/json.');
    return;
  }
  next();
}

/** Unknown routes: a JSON 404 instead of Express's HTML page. */
export function jsonNotFound(_req: express.Request, res: express.Response): void {
  sendJsonError(res, 404, 'NOT_FOUND', 'No such route.');
}

// body-parser error types (see its README) mapped to what the caller should read.
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.too.large': { status: 413, code: 'REQUEST_TOO_LARGE', message: 'Request too large.' },
  'entity.parse.failed': { status: 400, code: 'BAD_REQUEST', message: 'The body is not valid JSON.' },
  'charset.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send JSON encoded in UTF-8.',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported content encoding.',
  },
};

/**
 * The last handler of every app: body-parser and routing errors become JSON with a code and a 4xx;
 * anything else a logged, masked 500. Never Express's HTML page, which shows the stack and paths.
 */
export function jsonErrorHandler(log: Logger) {
  return (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction): void => {
    if (res.headersSent) return next(error);
    const { type, status } = error as { type?: string; status?: number };
    const known = type ? BODY_ERRORS[type] : undefined;
    if (known) return sendJsonError(res, known.status, known.code, known.message);
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendJsonError(res, status, 'BAD_REQUEST', 'Malformed request.');
    // A route's dependency briefly away (a download while Postgres fails over): retry later, not a bug.
    if (isPassingDatabaseFailure(error)) {
      log.warn({ err: error }, 'dependency unavailable for an HTTP route');
      res.setHeader('retry-after', '1');
      return sendJsonError(res, 503, 'SERVICE_UNAVAILABLE', 'Briefly unavailable; try again.');
    }
    log.error({ err: error }, 'unexpected HTTP error');
    sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error');
  };
}
