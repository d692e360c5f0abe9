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

/** One subgraph fetch: POST the body to the URL, the whole answer back (see SubgraphResponse). */
export type Fetcher = (url: string, init: SubgraphFetchInit) => Promise<SubgraphResponse>;

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

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  // Only an operator's isolate() leads here; none does, but it refuses fetches like an open circuit.
  [CircuitState.Isolated]: 'open',
};

/** What SignedPrincipalDataSource sends: headers as a plain object, the body as text, its deadline. */
export interface SubgraphFetchInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /**
   * Longest this fetch may take (headers and body); the fetcher's default when absent. Passed here,
   * not through an AsyncLocalStorage as before: one in use turns on Node's promise hooks for every
   * promise of the process, a share of the gateway's CPU per request.
   */
  timeoutMs?: number;
}

/**
 * A subgraph's answer, read whole: the part of a fetch Response that SignedPrincipalDataSource and
 * the metrics read (ok, status, statusText, url, headers.get, json, text). undici's request() and
 * this object stand in for fetch(): its WHATWG layer (Request and Headers objects, web streams for
 * the body) was the largest share of the gateway's CPU under load.
 */
export class SubgraphResponse {
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
  /** Origin and path per subgraph URL (a handful), rather than a URL parsed per fetch. */
  const targets = new Map<string, { origin: string; path: string }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const { origin, pathname, search } = new URL(url);
      target = { origin, path: `${pathname}${search}` };
      targets.set(url, target);
    }
    return target;
  };

  const fetchOnce = async (url: string, init: SubgraphFetchInit): Promise<SubgraphResponse> => {
    const timeoutMs = init.timeoutMs ?? options.timeoutMs;
    // A timer cleared on the answer: AbortSignal.timeout's cannot be, so every fetch left one behind
    // that fired seconds later (a DOMException with its stack each), most of the timers' work.
    const controller = new AbortController();
    const { signal } = controller;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const { origin, path } = targetOf(url);
      const answer = await agent.request({
        origin,
        path,
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal,
      });
      // The whole answer within the deadline: the body is read here, under the same signal.
      return new SubgraphResponse(url, answer.statusCode, answer.headers, await answer.body.text());
    } catch (error) {
      if (signal.aborted) throw new SubgraphTimeoutError(timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };

  const forSubgraph = (name: string): Fetcher => {
    const breaker = circuitBreaker(
      handleAll.orWhenResult((res) => (res as SubgraphResponse).status >= 500),
      {
        halfOpenAfter: options.breakerHalfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.breakerFailures),
      },
    );
    breakers.set(name, breaker);
    return async (url, init) => {
      try {
        return await breaker.execute(() => fetchOnce(url, init));
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw new SubgraphCircuitOpenError(name);
        throw error;
      }
    };
  };

  return {
    forSubgraph,
    breakerStates: () =>
      Object.fromEntries([...breakers].map(([name, breaker]) => [name, STATE_NAMES[breaker.state]])),
    close: () => agent.close(),
  };
}
