import { context, propagation, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

/**
 * Continues the caller's trace (its `traceparent` header) where the http instrumentation did not
 * already: in-process test systems, whose module loader bypasses the instrumentations. With it the
 * outbox rows a request writes still carry the gateway's trace. A no-op while tracing is off.
 */
export function continueIncomingTrace(): RequestHandler {
  return (req, _res, next) => {
    if (trace.getSpanContext(context.active()) || !req.headers.traceparent) return next();
    context.with(propagation.extract(context.active(), req.headers), next);
  };
}
