import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { EventBus } from '../events/event-bus';
import { countPendingParkedEvents } from '../events/parked-events';
import { graphqlMetricsPlugin } from '../observability/graphql-metrics';

/** What a service's `/metrics` endpoint serves (Prometheus text format). */
export interface MetricsEndpoint {
  contentType: string;
  metrics(): Promise<string>;
  /** Request count, latency and errors of the GraphQL server this endpoint belongs to. */
  graphqlPlugin?: ApolloServerPlugin<BaseContext>;
}

/** What the service's parts report as it happens (each call is one increment). */
export interface ServiceMetrics extends MetricsEndpoint {
  /** Counts one parked message. */
  parked(topic: string): void;
  /** Counts one consumed message: applied, or skipped because the inbox already had it. */
  handled(topic: string, applied: boolean): void;
  /** Counts the rows of one committed relay batch. */
  published(topics: string[]): void;
  publishFailed(): void;
  /** Counts one job attempt by its outcome (ran, already-ran, failed, busy). */
  jobOutcome(job: string, status: string): void;
}

/** The consumer group whose lag is measured, for services that consume events. */
export interface ConsumerMetricsSource {
  bus: EventBus;
  groupId: string;
  topics: string[];
}

/** A value read at scrape time; while its source is away (database down) the last one is served. */
function scrapedGauge<L extends string>(
  registry: Registry,
  spec: { name: string; help: string; labelNames?: L[] },
  read: (set: (value: number, labels?: Partial<Record<L, string | number>>) => void) => Promise<void>,
): void {
  new Gauge<L>({
    ...spec,
    labelNames: spec.labelNames ?? [],
    registers: [registry],
    async collect() {
      await read((value, labels) => (labels ? this.set(labels, value) : this.set(value))).catch(
        () => undefined,
      );
    },
  });
}

/** The database's connection pool (pg.Pool under TypeORM): its counters, if it has them. */
function poolOf(
  dataSource: DataSource,
): { totalCount: number; idleCount: number; waitingCount: number } | undefined {
  const pool = (dataSource.driver as unknown as { master?: { totalCount?: number } }).master;
  return typeof pool?.totalCount === 'number' ? (pool as never) : undefined;
}

/** `fidu_consumer_lag` of one consumer group, read from Kafka at scrape time (services, the gateway's hub). */
export function registerConsumerLag(registry: Registry, consumer: ConsumerMetricsSource): void {
  scrapedGauge(
    registry,
    {
      name: 'fidu_consumer_lag',
      help: 'Records published but not yet committed by the consumer group, per topic and partition.',
      labelNames: ['group', 'topic', 'partition'],
    },
    async (set) => {
      const lags = await Promise.race([
        consumer.bus.consumerLag(consumer.groupId, consumer.topics),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('lag timeout')), 2000).unref()),
      ]);
      for (const { topic, partition, lag } of lags) set(lag, { group: consumer.groupId, topic, partition });
    },
  );
}

/**
 * A registry of the service's own (not prom-client's global one: tests run several services in
 * one process), served on `/metrics`. Each series and what a healthy value looks like is listed
 * in the root README ("Metrics").
 */
export function createServiceMetrics(
  service: string,
  dataSource: DataSource,
  consumerBlocked: () => boolean,
  consumer?: ConsumerMetricsSource,
): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // Event-loop lag sampled every 100 ms, not prom-client's 10 ms: that timer was most of an idle
  // process's CPU (see the gateway's metrics).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  // Registered before the gauges that query the database: a scrape reads the pool before its own
  // queries wait for connections.
  new Gauge({
    name: 'fidu_db_pool_connections',
    help: 'Database pool connections by state: total (open), idle, waiting (callers queued for one).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = poolOf(dataSource);
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  const parkedTotal = new Counter({
    name: 'fidu_inbox_parked_events_total',
    help: 'Messages parked by the inbox consumer since the process started.',
    labelNames: ['topic'],
    registers: [registry],
  });
  const handledTotal = new Counter({
    name: 'fidu_inbox_events_total',
    help: 'Messages consumed: outcome applied, or duplicate (already in the inbox, skipped).',
    labelNames: ['topic', 'outcome'],
    registers: [registry],
  });
  const publishedTotal = new Counter({
    name: 'fidu_outbox_published_total',
    help: 'Outbox rows published to Kafka by the relay (committed as sent).',
    labelNames: ['topic'],
    registers: [registry],
  });
  const publishFailures = new Counter({
    name: 'fidu_outbox_publish_failures_total',
    help: 'Relay batches that Kafka refused (retried with backoff).',
    registers: [registry],
  });
  const jobAttempts = new Counter({
    name: 'fidu_job_runs_total',
    help: 'Scheduled job attempts by job and outcome (ran, already-ran, failed, busy).',
    labelNames: ['job', 'status'],
    registers: [registry],
  });
  let lastPending = 0;
  scrapedGauge(
    registry,
    {
      name: 'fidu_inbox_parked_events_pending',
      help: 'Parked messages not replayed yet (parked_event table).',
    },
    async (set) => {
      try {
        lastPending = await countPendingParkedEvents(dataSource);
      } finally {
        set(lastPending);
      }
    },
  );
  new Gauge({
    name: 'fidu_inbox_consumer_blocked',
    help: '1 while the inbox consumer waits for its database or broker (partition paused), else 0.',
    registers: [registry],
    collect() {
      this.set(consumerBlocked() ? 1 : 0);
    },
  });
  const backlog = new Gauge({
    name: 'fidu_outbox_backlog',
    help: 'Outbox rows not yet published.',
    registers: [registry],
  });
  new Gauge({
    name: 'fidu_outbox_oldest_unsent_age_seconds',
    help: 'Age of the oldest outbox row not yet published (0 when none).',
    registers: [registry],
    async collect() {
      // One indexed read (outbox_pending_idx) serves both outbox gauges.
      const [row] = (await dataSource
        .query(
          `SELECT count(*)::int AS pending,
                  COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age
             FROM outbox WHERE sent_at IS NULL`,
        )
        .catch(() => [])) as { pending: number; age: number }[];
      if (!row) return;
      backlog.set(row.pending);
      this.set(row.age);
    },
  });
  if (consumer) registerConsumerLag(registry, consumer);
  return {
    contentType: registry.contentType,
    metrics: () => registry.metrics(),
    graphqlPlugin: graphqlMetricsPlugin(registry),
    parked: (topic) => parkedTotal.inc({ topic }),
    handled: (topic, applied) => handledTotal.inc({ topic, outcome: applied ? 'applied' : 'duplicate' }),
    published: (topics) => {
      const counts = new Map<string, number>();
      for (const topic of topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
      for (const [topic, n] of counts) publishedTotal.inc({ topic }, n);
    },
    publishFailed: () => publishFailures.inc(),
    jobOutcome: (job, status) => jobAttempts.inc({ job, status }),
  };
}
