export * from './auth/principal';
export * from './auth/gateway-signature';
export * from './auth/signed-link';
export * from './config';
export * from './errors';
export * from './logger';
export * from './db/data-source';
export * from './paging';
export * from './db/sql-statement-counter';
export * from './db/unique-violation';
export * from './events/event-bus';
export * from './events/outbox';
export * from './events/timestamp';
export * from './events/outbox-relay';
export * from './events/inbox-consumer';
export * from './events/parked-events';
export { parkedEventResolvers } from './events/parked-event.resolvers';
export { isTransientFailure } from './events/transient-failure';
export { Backoff, sleep, type BackoffOptions } from './resilience/backoff';
export { retryWithJitter, type RetryOptions } from './resilience/retry';
export { ParkedEvents1700000000004 } from './db/parked-event.migration';
export {
  createServiceMetrics,
  registerConsumerLag,
  type MetricsEndpoint,
  type ServiceMetrics,
  type ConsumerMetricsSource,
} from './server/metrics';
export * from './server/subgraph-server';
export * from './server/http-errors';
export * from './graphql/batch-answers';
export * from './graphql/date-scalars';
export * from './graphql/input-sanitation';
export * from './domain/error-text';
export * from './graphql/graphql-errors';
export * from './server/start-service';
export { loadSchemaFile, loadServiceSchema, serviceSchemaPath, subgraphSdl } from './server/load-schema';
export { runMain } from './server/run-main';
export { LinkOrigin } from './server/link-origin';
export type { LauncherMessage } from './server/run-main';
export * from './client-directory/client-directory';
export * from './client-directory/client-directory-batch';
export { ClientDirectory1700000000001 } from './client-directory/client-directory.migration';
export { mergeResolverMaps } from './server/merge-resolver-maps';
export type { GraphQLResolverMap } from './server/resolver-map';
export * from './jobs/run-job-once';
export * from './jobs/scheduler';
export * from './jobs/job-instant-window';
export * from './jobs/brussels-time';
export * from './jobs/schedules';
export * from './jobs/job-runs';
export { scheduledJobResolvers, jobRunView, type RunJobInput } from './jobs/scheduled-job.resolvers';
export { JobRunHistory1700000000005 } from './jobs/job-run-history.migration';
export { renderTextPdf, type TextPdfInfo } from './documents/text-pdf';
export * from './documents/delimited-file';
export {
  graphqlMetricsPlugin,
  LATENCY_BUCKETS,
  type GraphQLRequestSummary,
} from './observability/graphql-metrics';
export { activeTraceparent } from './observability/event-tracing';
export { spanLine, type SpanLine } from './observability/file-span-exporter';
export { flushTracing } from './observability/tracing-shutdown';
export { OutboxTraceparent1700000000010 } from './db/outbox-traceparent.migration';
