import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context';
import type { SubgraphResponse } from './subgraph-fetcher';

/*
 * How SignedPrincipalDataSource reads a subgraph's answer: as Apollo's RemoteGraphQLDataSource did
 * (same errors, same body parsing, same cache hint), without its per-fetch node-fetch objects.
 */

/** A non-2xx answer, as RemoteGraphQLDataSource reported it: the status under `extensions.response`. */
export async function errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
  return new GraphQLError(`${response.status}: ${response.statusText}`, {
    extensions: {
      response: {
        url: response.url,
        status: response.status,
        statusText: response.statusText,
        body: await parseBody(response),
      },
    },
  });
}

/** JSON when the subgraph says so, else the text (an HTML error page, say). */
export function parseBody(response: SubgraphResponse): Promise<unknown> {
  const type = response.headers.get('content-type');
  return type?.startsWith('application/json') || type?.startsWith('application/graphql-response+json')
    ? response.json()
    : response.text();
}

/** The subgraph's Cache-Control answer narrows the incoming request's cache policy (as Apollo's source did). */
export function restrictCachePolicy(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
  response: SubgraphResponse,
): void {
  const policy =
    'incomingRequestContext' in options ? options.incomingRequestContext?.overallCachePolicy : undefined;
  if (!policy || !('restrict' in policy)) return;
  const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = { maxAge: 0 };
  for (const part of (response.headers.get('cache-control') ?? '').trim().split(/\s*,\s*/)) {
    const [name, raw] = part.split(/\s*=\s*/, 2);
    const value = raw?.replace(/^"|"$/g, '');
    if (name === 'max-age' && value !== undefined && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    if (name === 'private' && value === undefined) hint.scope = 'PRIVATE';
    if (name === 'public' && value === undefined) hint.scope = 'PUBLIC';
  }
  policy.restrict(hint);
}
