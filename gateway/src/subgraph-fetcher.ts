import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, fetch as undiciFetch } from 'undici';

export type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphFetcher {
  fetch: Fetcher;
  /** Closes the pooled connections (gateway stop). */
  close(): Promise<void>;
}

/**
 * How the gateway reaches its subgraphs: undici with pooled keep-alive connections that the gateway
 * closes after `keepAliveTimeoutMs` idle, below the subgraphs' own keepAliveTimeout (65 s, see the
 * kit's subgraph server), and never later than the server's `Keep-Alive: timeout` hint minus 1 s.
 * Apollo's default fetcher (make-fetch-happen on a Node agent without idle timeout) kept idle sockets
 * until the subgraph closed them and sometimes sent a request on a socket the subgraph was closing:
 * ECONNRESET / "socket hang up", i.e. SERVICE_UNAVAILABLE with every subgraph up.
 */
export function createSubgraphFetcher(options: { keepAliveTimeoutMs: number }): SubgraphFetcher {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs,
    keepAliveMaxTimeout: options.keepAliveTimeoutMs,
  });
  const fetch = ((url: string, init?: Record<string, unknown>) =>
    undiciFetch(url, { ...init, dispatcher: agent } as Parameters<
      typeof undiciFetch
    >[1])) as unknown as Fetcher;
  return { fetch, close: () => agent.close() };
}
