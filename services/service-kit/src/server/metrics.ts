import { Counter, Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { countPendingParkedEvents } from '../events/parked-events';

/** What a service's `/metrics` endpoint serves (Prometheus text format). */
export interface MetricsEndpoint {
  contentType: string;
  metrics(): Promise<string>;
}

export interface ServiceMetrics extends MetricsEndpoint {
  /** Counts one parked message. */
  parked(topic: string): void;
}

/**
 * A registry of the service's own (not prom-client's global one: tests run several services in
 * one process). Kept small on purpose: parked events and whether the consumer is blocked.
 */
export function createServiceMetrics(
  service: string,
  dataSource: DataSource,
  consumerBlocked: () => boolean,
): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  const parkedTotal = new Counter({
    name: 'fidu_inbox_parked_events_total',
    help: 'Messages parked by the inbox consumer since the process started.',
    labelNames: ['topic'],
    registers: [registry],
  });
  let lastPending = 0;
  new Gauge({
    name: 'fidu_inbox_parked_events_pending',
    help: 'Parked messages not replayed yet (parked_event table).',
    registers: [registry],
    async collect() {
      // While the database is away the last known count is served.
      lastPending = await countPendingParkedEvents(dataSource).catch(() => lastPending);
      this.set(lastPending);
    },
  });
  new Gauge({
    name: 'fidu_inbox_consumer_blocked',
    help: '1 while the inbox consumer waits for its database or broker (partition paused), else 0.',
    registers: [registry],
    collect() {
      this.set(consumerBlocked() ? 1 : 0);
    },
  });
  return {
    contentType: registry.contentType,
    metrics: () => registry.metrics(),
    parked: (topic) => parkedTotal.inc({ topic }),
  };
}
