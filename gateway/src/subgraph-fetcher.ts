import { AsyncLocalStorage } from 'node:async_hooks';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent } from 'undici';

export type Fetcher = RemoteGraphQLDataSource['fetcher'];

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface SubgraphFetchOptions {
  /**
   * Idle keep-alive sockets to subgraphs are closed after this; it must stay below the subgraphs'
   * keepAliveTimeout, so the gateway never reuses a socket the subgraph is closing.
   */
  keepAliveTimeoutMs: number;
  /** Longest a subgraph may take to answer one fetch (headers and body) unless told otherwise. */
  timeoutMs: number;
  /** Consecutive failed fetches (network error, timeout, 5xx) that open a subgraph's circuit. */
  breakerFailures: number;
  /** How long an open circuit refuses fetches before letting one trial fetch through. */
  breakerHalfOpenAfterMs: number;
}

export interface SubgraphFetcher {
  /** The fetcher of one subgraph: the shared connection pool, its own circuit breaker. */
  forSubgraph(name: string): Fetcher;
  /** Circuit state per subgraph that has been fetched from (readiness, logs). */
  breakerStates(): Record<string, BreakerState>;
  /** Closes the pooled connections (gateway stop). */
  close(): Promise<void>;
}

/** A fetch that the gateway gave up on: the subgraph did not answer within its allowance. */
export class SubgraphTimeoutError extends Error {
  readonly code = 'SUBGRAPH_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`the subgraph did not answer within ${timeoutMs} ms`);
    this.name = 'SubgraphTimeoutError';
  }
}

/** A fetch refused without trying: the subgraph's circuit is open after repeated failures. */
export class SubgraphCircuitOpenError extends Error {
  readonly code = 'SUBGRAPH_CIRCUIT_OPEN';
  constructor(readonly subgraph: string) {
    super(`circuit open for subgraph ${subgraph}`);
    this.name = 'SubgraphCircuitOpenError';
  }
}

/** The allowance of the fetches started inside `withFetchTimeout` (one subgraph fetch of the plan). */
const allowance = new AsyncLocalStorage<number>();

/** Runs `fn` with its subgraph fetches allowed `timeoutMs` instead of the default. */
export function withFetchTimeout<T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  return allowance.run(timeoutMs, fn);
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  // Only an operator's isolate() leads here; none does, but it refuses fetches like an open circuit.
  [CircuitState.Isolated]: 'open',
};

/** What RemoteGraphQLDataSource passes to its fetcher: headers as a plain object, the body as text. */
interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A subgraph's answer, read whole: the part of a fetch Response that RemoteGraphQLDataSource and the
 * metrics read (ok, status, statusText, url, headers.get, json, text). undici's request() and this
 * object stand in for fetch(): its WHATWG layer (Request and Headers objects, web streams for the
 * body) was the largest share of the gateway's CPU under load.
 */
class SubgraphResponse {
  readonly ok: boolean;
  readonly statusText = '';
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly url: string,
    readonly status: number,
    headers: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }

  json(): Promise<unknown> {
    return Promise.resolve().then(() => JSON.parse(this.body) as unknown);
  }
}

/**
 * How the gateway reaches its subgraphs: undici with pooled keep-alive connections that the gateway
 * closes after `keepAliveTimeoutMs` idle, below the subgraphs' own keepAliveTimeout (65 s, see the
 * kit's subgraph server). Apollo's default fetcher (make-fetch-happen on a Node agent without idle
 * timeout) kept idle sockets until the subgraph closed them and sometimes sent a request on a socket
 * the subgraph was closing: ECONNRESET, i.e. SERVICE_UNAVAILABLE with every subgraph up.
 *
 * Every fetch has a deadline covering the whole answer (a frozen subgraph accepts the connection and
 * never answers: without one, callers waited minutes). Each subgraph has a circuit breaker: after
 * `breakerFailures` failures in a row its fetches fail at once, so a dead subgraph costs callers
 * nothing, until a trial fetch `breakerHalfOpenAfterMs` later closes the circuit again.
 */
export function createSubgraphFetcher(options: SubgraphFetchOptions): SubgraphFetcher {
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs,
    keepAliveMaxTimeout: options.keepAliveTimeoutMs,
  });
  const breakers = new Map<string, CircuitBreakerPolicy>();

  const fetchOnce = async (url: string, init: FetchInit | undefined): Promise<SubgraphResponse> => {
    const timeoutMs = allowance.getStore() ?? options.timeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const { origin, pathname, search } = new URL(url);
      const answer = await agent.request({
        origin,
        path: `${pathname}${search}`,
        method: (init?.method ?? 'GET') as 'POST',
        headers: init?.headers,
        body: init?.body,
        signal,
      });
      // The whole answer within the deadline: the body is read here, under the same signal.
      return new SubgraphResponse(url, answer.statusCode, answer.headers, await answer.body.text());
    } catch (error) {
      if (signal.aborted) throw new SubgraphTimeoutError(timeoutMs);
      throw error;
    }
  };

  const forSubgraph = (name: string): Fetcher => {
    const breaker = circuitBreaker(
      handleAll.orWhenResult((res) => (res as Response).status >= 500),
      {
        halfOpenAfter: options.breakerHalfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.breakerFailures),
      },
    );
    breakers.set(name, breaker);
    return (async (url: string, init?: FetchInit) => {
      try {
        return await breaker.execute(() => fetchOnce(url, init));
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw new SubgraphCircuitOpenError(name);
        throw error;
      }
    }) as unknown as Fetcher;
  };

  return {
    forSubgraph,
    breakerStates: () =>
      Object.fromEntries([...breakers].map(([name, breaker]) => [name, STATE_NAMES[breaker.state]])),
    close: () => agent.close(),
  };
}
