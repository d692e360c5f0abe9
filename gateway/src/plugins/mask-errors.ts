import type { GraphQLFormattedError } from 'graphql';
import { capErrorMessage } from '@fidu/service-kit';

const INTERNAL = /https?:\/\/|ECONNREFUSED|ENOTFOUND|socket hang up|fetch failed/i;

/** An error Apollo answers with a 4xx HTTP status (`extensions.http.status`, not shown to callers). */
function isClientError(error: unknown): boolean {
  const status = (error as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http
    ?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * What callers see of errors: domain errors pass with their code; anything that would reveal a
 * subgraph address, a stack or an internal failure becomes a generic message with a code.
 */
export function maskError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const ext = formatted.extensions ?? {};
  const code = typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR';
  // Apollo refuses some requests with a 4xx status and no code (e.g. a persisted query whose hash does
  // not match its text): the caller's mistake, so it keeps its message and gets BAD_REQUEST.
  if (code === 'INTERNAL_SERVER_ERROR' && isClientError(error))
    return { message: capErrorMessage(formatted.message), extensions: { code: 'BAD_REQUEST' } };
  const { stacktrace: _s, exception: _e, serviceName: _n, ...rest } = ext as Record<string, unknown>;
  if (code === 'INTERNAL_SERVER_ERROR' || INTERNAL.test(formatted.message)) {
    const unavailable = INTERNAL.test(formatted.message);
    return {
      message: unavailable ? 'A part of the service is temporarily unavailable.' : 'Internal error',
      path: formatted.path,
      extensions: { code: unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR' },
    };
  }
  return {
    message: capErrorMessage(formatted.message),
    locations: formatted.locations,
    path: formatted.path,
    extensions: { ...rest, code },
  };
}
