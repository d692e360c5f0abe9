import type express from 'express';
import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from './resolver-map';
import type { DataSource } from 'typeorm';
import { ALL_TOPICS, deadLetterTopicOf } from '@fidu/proto-events';
import type { ServiceConfig } from '../config';
import { openDataSource, type DataSourceOptions } from '../db/data-source';
import type { SqlStatementCounter } from '../db/sql-statement-counter';
import { createKafkaBus, type EventBus } from '../events/event-bus';
import { OutboxRelay } from '../events/outbox-relay';
import {
  startInboxConsumer,
  type BatchEventHandler,
  type EventHandler,
  type InboxConsumer,
} from '../events/inbox-consumer';
import { createLogger, type Logger } from '../logger';
import { startScheduler, type ScheduledJob, type Scheduler } from '../jobs/scheduler';
import { mergeResolverMaps } from './merge-resolver-maps';
import { createServiceMetrics } from './metrics';
import { createSubgraphServer, type RequestContextBase } from './subgraph-server';

/** Everything that differs between services; the rest of the wiring is the same for all. */
export interface ServiceDefinition<TContext extends RequestContextBase> {
  config: ServiceConfig;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
  typeDefs: DocumentNode;
  /** One map per file; merged type by type (a field resolved twice fails at start-up). */
  resolvers: GraphQLResolverMap<TContext>[];
  createContext: (base: RequestContextBase, dataSource: DataSource) => TContext;
  /** Events this service reacts to. */
  /** `handleBatch`, when given, applies a batch of one partition at once (see startInboxConsumer). */
  consumes?: { topics: string[]; handle: EventHandler; handleBatch?: BatchEventHandler };
  routes?: (app: express.Express, dataSource: DataSource) => void;
  /** Largest GraphQL request body the subgraph accepts (default 1 MB). */
  maxBodyBytes?: number;
  /** Recurring jobs (safe with several replicas: one run per period). */
  jobs?: ScheduledJob[];
  log?: Logger;
}

/** A started service: its parts are exposed so tests can reach the real things. */
export interface RunningService {
  config: ServiceConfig;
  log: Logger;
  dataSource: DataSource;
  sqlCounter: SqlStatementCounter;
  bus: EventBus;
  relay: OutboxRelay;
  /** The inbox consumer, for services that consume events. */
  consumer?: InboxConsumer;
  /** Runs a scheduled job now (tests, operators), once per period like the timer would. */
  scheduler: Scheduler;
  app: express.Express;
  /** Starts HTTP on the configured port (0 = any free port); returns the GraphQL URL. */
  listen(port?: number): Promise<string>;
  stop(): Promise<void>;
}

async function ensureTopics(bus: EventBus, log: Logger): Promise<void> {
  const topics = ALL_TOPICS.flatMap((t) => [t, deadLetterTopicOf(t)]);
  try {
    await bus.ensureTopics(topics);
  } catch (error) {
    // Another service may have created them at the same moment; a real failure shows on publish.
    log.debug({ err: error }, 'ensureTopics raced with another service');
  }
}

/**
 * Composition root shared by every subgraph: database (migrations first), Kafka bus, outbox
 * relay, inbox consumer and the GraphQL server. Nothing listens until `listen` is called, so
 * tests build the real service with test config.
 */
export async function startService<TContext extends RequestContextBase>(
  def: ServiceDefinition<TContext>,
): Promise<RunningService> {
  const { config } = def;
  const log = def.log ?? createLogger(config.service);
  const { dataSource, sqlCounter } = await openDataSource({
    url: config.databaseUrl,
    entities: def.entities,
    migrations: def.migrations,
    log,
  });
  const bus = createKafkaBus({
    brokers: config.kafkaBrokers,
    clientId: config.service,
    namespace: config.kafkaNamespace,
    log,
  });
  await ensureTopics(bus, log);
  let consumer: InboxConsumer | undefined;
  const metrics = createServiceMetrics(
    config.service,
    dataSource,
    () => consumer?.isBlocked() ?? false,
    def.consumes && { bus, groupId: config.kafkaGroupId, topics: def.consumes.topics },
  );
  const relay = new OutboxRelay({
    dataSource,
    databaseUrl: config.databaseUrl,
    bus,
    log,
    onPublished: metrics.published,
    onPublishFailed: metrics.publishFailed,
  });
  await relay.start();
  if (def.consumes) {
    consumer = await startInboxConsumer({
      dataSource,
      bus,
      log,
      groupId: config.kafkaGroupId,
      newGroupStartsAtEnd: config.newGroupStartsAtEnd,
      topics: def.consumes.topics,
      handle: def.consumes.handle,
      handleBatch: def.consumes.handleBatch,
      onParked: (record) => metrics.parked(record.topic),
      onHandled: (record, applied) => metrics.handled(record.topic, applied),
    });
  }
  const scheduler = startScheduler(dataSource, def.jobs ?? [], log, metrics.jobOutcome);
  const server = await createSubgraphServer<TContext>({
    name: config.service,
    typeDefs: def.typeDefs,
    resolvers: mergeResolverMaps(def.resolvers),
    gatewaySigningSecret: config.gatewaySigningSecret,
    log,
    sqlCounter,
    readiness: async () => ({
      database: await dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      kafka: await bus.isHealthy(),
      // A consumer waiting for its database or broker is not ready, even once the probes pass.
      ...(consumer ? { consumer: !consumer.isBlocked() } : {}),
    }),
    metrics,
    createContext: (identity) =>
      def.createContext({ ...identity, scheduler, parkedEvents: consumer }, dataSource),
    routes: def.routes && ((app) => def.routes?.(app, dataSource)),
    maxBodyBytes: def.maxBodyBytes,
  });

  return {
    config,
    log,
    dataSource,
    sqlCounter,
    bus,
    relay,
    consumer,
    scheduler,
    app: server.app,
    listen: (port = config.port) => server.listen(port, config.host),
    async stop() {
      const step = async (name: string, fn: () => Promise<unknown>) => {
        const t = Date.now();
        await fn();
        log.debug({ step: name, ms: Date.now() - t }, 'stop step done');
      };
      // Stop taking requests and events together, then flush the outbox, then close connections.
      scheduler.stop();
      await Promise.all([step('http', () => server.stop()), step('consumer', async () => consumer?.stop())]);
      await step('relay', () => relay.stop());
      await step('kafka', () => bus.close());
      await step('database', () => dataSource.destroy());
    },
  };
}
