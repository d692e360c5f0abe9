import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { Logger, Principal } from '@fidu/service-kit';

/** What the GraphQL layer tells the access log about a request (see graphqlMetricsPlugin). */
export interface AccessRecord {
  operationName: string | null;
  operationType: string | null;
  errorCodes: string[];
}

/** Counts each logged request by status (the 5xx alert's source). */
export type OnAccess = (status: number) => void;

/**
 * One `access` line per request on the path it is mounted on, written when the response is done
 * (or the caller went away: status 499): request id, operation, principal kind, status, duration,
 * error codes, and the trace and span ids of the request's server span when tracing is on.
 * Mounted before every other handler of the path, so refused requests (401, 413, 429) are logged too.
 */
export function accessLog(log: Logger, onAccess?: OnAccess): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const span = trace.getSpanContext(context.active());
    const access: AccessRecord = { operationName: null, operationType: null, errorCodes: [] };
    res.locals.access = access;
    res.once('close', () => {
      const status = res.writableFinished ? res.statusCode : 499;
      const principal = res.locals.principal as Principal | undefined;
      onAccess?.(status);
      log.info(
        {
          requestId: res.locals.requestId as string | undefined,
          method: req.method,
          operationName: access.operationName,
          operationType: access.operationType,
          principalKind: principal?.kind ?? 'unauthenticated',
          status,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
          ...(access.errorCodes.length > 0 ? { errorCodes: [...new Set(access.errorCodes)] } : {}),
          ...(span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {}),
        },
        'access',
      );
    });
    next();
  };
}
