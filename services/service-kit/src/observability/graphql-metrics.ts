import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, type Registry } from 'prom-client';

/** What one GraphQL request came to, for the caller's access log. */
export interface GraphQLRequestSummary {
  operationName: string | null;
  operationType: string | null;
  errorCodes: string[];
}

/** Operation names are chosen by callers: past this many distinct ones, new names count as "other". */
const MAX_OPERATION_LABELS = 300;

/** Request latency buckets (seconds): a subgraph answers in milliseconds, a bulk import in seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Request count and latency per operation, and errors by `extensions.code`, for an Apollo server
 * (a subgraph or the gateway). `onSummary` hears each request's outcome (the gateway's access log).
 */
export function graphqlMetricsPlugin<TContext extends BaseContext>(
  registry: Registry,
  onSummary?: (context: TContext, summary: GraphQLRequestSummary) => void,
): ApolloServerPlugin<TContext> {
  const requests = new Counter({
    name: 'fidu_graphql_requests_total',
    help: 'GraphQL requests by operation name and type, and outcome (ok, or error when the response has errors).',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'fidu_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation name and type.',
    labelNames: ['operation', 'type'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'fidu_graphql_errors_total',
    help: 'GraphQL errors returned, by extensions.code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const known = new Set<string>();
  const label = (name: string | null | undefined) => {
    const value = name || 'anonymous';
    if (known.has(value)) return value;
    if (known.size >= MAX_OPERATION_LABELS) return 'other';
    known.add(value);
    return value;
  };

  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operation, operationName, contextValue }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const errorCodes = (body?.errors ?? []).map((e) => String(e.extensions?.code ?? 'UNCODED'));
          // Unparsable or unknown operations are one label: their names were never resolved.
          const operationLabel = operation ? label(operationName) : 'unresolved';
          const type = operation?.operation ?? 'none';
          requests.inc({ operation: operationLabel, type, outcome: errorCodes.length > 0 ? 'error' : 'ok' });
          duration.observe(
            { operation: operationLabel, type },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
          for (const code of errorCodes) errors.inc({ code });
          onSummary?.(contextValue, {
            operationName: operationName ?? null,
            operationType: operation?.operation ?? null,
            errorCodes,
          });
        },
      };
    },
  };
}
