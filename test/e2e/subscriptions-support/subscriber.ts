import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A message a subscription received: data and/or errors, as graphql-ws hands them over. */
export interface Received<T> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  at: number;
}

/** One graphql-ws connection with one subscription, recording everything it gets. */
export interface TestSubscriber<T = any> {
  received: Received<T>[];
  /** Set when the connection was closed by the server (code + reason) or failed. */
  closed?: { code: number; reason: string };
  completed: boolean;
  /** Resolves with the first received message matching `predicate`, or fails after `timeoutMs`. */
  next(predicate?: (r: Received<T>) => boolean, timeoutMs?: number): Promise<Received<T>>;
  dispose(): Promise<void>;
}

export function wsUrlOf(gatewayUrl: string): string {
  return gatewayUrl.replace(/^http/, 'ws');
}

/** Connects to the gateway's WebSocket endpoint as the token's principal and subscribes once. */
export function subscribe<T = any>(
  gatewayUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): TestSubscriber<T> {
  const waiters: { predicate: (r: Received<T>) => boolean; resolve(r: Received<T>): void }[] = [];
  const subscriber: TestSubscriber<T> = {
    received: [],
    completed: false,
    next(predicate = () => true, timeoutMs = 30_000) {
      const found = subscriber.received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching subscription message within ${timeoutMs} ms; got ${JSON.stringify(subscriber.received)}; closed ${JSON.stringify(subscriber.closed)}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ predicate, resolve: (r) => (clearTimeout(timer), resolve(r)) });
      });
    },
    dispose: async () => {
      await client.dispose();
    },
  };
  const client: Client = createClient({
    url: wsUrlOf(gatewayUrl),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        subscriber.closed = { code, reason: String(reason) };
      },
    },
  });
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        const received: Received<T> = { ...(value as Omit<Received<T>, 'at'>), at: Date.now() };
        subscriber.received.push(received);
        for (const w of [...waiters]) {
          if (w.predicate(received)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(received);
          }
        }
      },
      error: (error) => {
        if (Array.isArray(error)) {
          const received: Received<T> = { errors: error as Received<T>['errors'], at: Date.now() };
          subscriber.received.push(received);
          for (const w of waiters.splice(0)) if (w.predicate(received)) w.resolve(received);
        }
      },
      complete: () => {
        subscriber.completed = true;
      },
    },
  );
  return subscriber;
}
