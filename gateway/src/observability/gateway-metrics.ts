import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import {
  graphqlMetricsPlugin,
  LATENCY_BUCKETS,
  registerConsumerLag,
  type ConsumerMetricsSource,
  type Logger,
} from '@fidu/service-kit';
import type { GatewayContext } from '../context';
import type { Fetcher } from '../subgraph-fetcher';
import { accessLog } from './access-log';

/** An error's code (SUBGRAPH_TIMEOUT, SUBGRAPH_CIRCUIT_OPEN, ECONNREFUSED…), or "error". */
function failureOf(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code =
    typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : 'error';
  return code.replace(/[^A-Za-z0-9_]/g, '_');
}

/** What the gateway wires in: see createGatewayObservability. */
export interface GatewayObservability {
  /** Mounted first on /graphql. */
  accessLog: express.RequestHandler;
  graphqlPlugin: ApolloServerPlugin<GatewayContext>;
  /** The subgraph's fetcher, counted and timed. */
  timedFetcher(subgraph: string, fetcher: Fetcher): Fetcher;
  /** The subscriptions' consumer group: its lag per topic and partition. */
  watchConsumerLag(consumer: ConsumerMetricsSource): void;
  mountMetrics(app: express.Express): void;
}

/**
 * The gateway's vital signs on `/metrics` (Prometheus): GraphQL requests per operation, errors by
 * code, HTTP statuses, every subgraph fetch by outcome and latency, and process metrics; and the
 * access log, which learns each request's operation from the same Apollo plugin.
 */
export function createGatewayObservability(log: Logger): GatewayObservability {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  // The event-loop lag is sampled every 100 ms, not prom-client's 10 ms: a timer firing 100 times a
  // second cost an idle gateway about 1% of a core; stalls worth an alert last longer than that.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  const responses = new Counter({
    name: 'fidu_gateway_http_responses_total',
    help: 'Responses on /graphql by HTTP status (499: the caller went away first).',
    labelNames: ['status'],
    registers: [registry],
  });
  const fetches = new Counter({
    name: 'fidu_gateway_subgraph_fetches_total',
    help: 'Fetches from the gateway to a subgraph by outcome: the HTTP status, or the failure code.',
    labelNames: ['subgraph', 'outcome'],
    registers: [registry],
  });
  const fetchDuration = new Histogram({
    name: 'fidu_gateway_subgraph_fetch_duration_seconds',
    help: 'Time until a subgraph answered a fetch (response headers), or the fetch failed.',
    labelNames: ['subgraph'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  return {
    accessLog: accessLog(log, (status) => responses.inc({ status: String(status) })),
    graphqlPlugin: graphqlMetricsPlugin<GatewayContext>(registry, (ctx, summary) => {
      if (ctx.access) Object.assign(ctx.access, summary);
    }),
    timedFetcher(subgraph: string, fetcher: Fetcher): Fetcher {
      return (async (...args: Parameters<Fetcher>) => {
        const stop = fetchDuration.startTimer({ subgraph });
        try {
          const response = await fetcher(...args);
          fetches.inc({ subgraph, outcome: String(response.status) });
          return response;
        } catch (error) {
          fetches.inc({ subgraph, outcome: failureOf(error) });
          throw error;
        } finally {
          stop();
        }
      }) as Fetcher;
    },
    watchConsumerLag(consumer: ConsumerMetricsSource): void {
      registerConsumerLag(registry, consumer);
    },
    mountMetrics(app: express.Express): void {
      app.get('/metrics', async (_req, res) => {
        res.type(registry.contentType).send(await registry.metrics());
      });
    },
  };
}
