import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { Backoff, sleep } from '../resilience/backoff';
import type { EventBus } from './event-bus';
import { OUTBOX_CHANNEL } from './outbox';
import { publishPending } from './outbox-publish';

/** The LISTEN connection's `application_name`, so operators (and tests) can find it in pg_stat_activity. */
export const OUTBOX_LISTENER_APPLICATION_NAME = 'fidu-outbox-listener';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  databaseUrl: string;
  bus: EventBus;
  log: Logger;
  /** Rows read per SELECT (default 1,000); a send takes at most MAX_SEND_BYTES of them (outbox-publish.ts). */
  batchSize?: number;
  /** Fallback poll, in case a notification was missed (e.g. while the LISTEN connection reconnects). */
  pollIntervalMs?: number;
  /** Told of the rows published by every committed transaction, and of every failed send (metrics). */
  onPublished?(topics: string[]): void;
  onPublishFailed?(): void;
}

/**
 * Publishes pending outbox rows to Kafka and marks them sent. Woken by NOTIFY at commit time,
 * so an event leaves within milliseconds. At-least-once: a crash between publish and commit
 * republishes, and the consumers' inbox absorbs the duplicate.
 *
 * One replica relays at a time (a transaction-level advisory lock): two replicas claiming
 * interleaved rows of the same key (FOR UPDATE SKIP LOCKED) could publish them out of order. The
 * others find the lock taken and leave the rows to it; they take over at their next wake-up or
 * poll once it stops. Rows go out in producer sends of up to MAX_SEND_BYTES, each marked sent in
 * one UPDATE, many sends per transaction, reads and marks overlapping the sends (outbox-publish.ts).
 *
 * The LISTEN connection is restored whenever it drops (Postgres restart, terminated backend),
 * with backoff, and a drain follows each reconnect: notifications sent while it was down are lost.
 */
export class OutboxRelay {
  private listener?: Client;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly reconnectBackoff = new Backoff({ initialMs: 100, maxMs: 10_000 });
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly publishBackoff = new Backoff({ initialMs: 200, maxMs: 30_000 });

  constructor(private readonly options: OutboxRelayOptions) {}

  async start(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 2000);
    this.wake();
  }

  /** Opens the LISTEN connection; a later drop schedules a reconnect. */
  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: OUTBOX_LISTENER_APPLICATION_NAME,
      keepAlive: true,
    });
    client.on('notification', () => this.wake());
    // Before LISTEN succeeded these are ignored: the failed connect is reported by the throw.
    client.on('error', (error) => this.listenerLost(client, error));
    client.on('end', () => this.listenerLost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) await client.end().catch(() => undefined);
    else this.listener = client;
  }

  /** Called for each 'error' and 'end' of a listener; only the current one triggers a reconnect. */
  private listenerLost(client: Client, error?: Error): void {
    if (this.listener !== client || this.stopped) return;
    this.listener = undefined;
    this.options.log.warn({ err: error }, 'outbox listener connection lost; reconnecting');
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.stopped) return;
      this.listen().then(
        () => {
          this.reconnectBackoff.reset();
          this.options.log.info('outbox listener reconnected');
          // Commits made while the listener was away notified nobody.
          this.wake();
        },
        (error: unknown) => {
          this.options.log.warn(
            { err: error, attempts: this.reconnectBackoff.attempts },
            'outbox listener could not reconnect; will retry',
          );
          this.scheduleReconnect();
        },
      );
    }, this.reconnectBackoff.next());
  }

  /** Drains now, or once more after the current drain if one is running. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves when nothing is pending (useful in tests and at shutdown). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.flush();
    await this.listener?.end().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.publishBatch()) > 0);
      this.publishBackoff.reset();
    } catch (error) {
      const delay = this.publishBackoff.next();
      this.options.log.warn(
        { err: error, failures: this.publishBackoff.attempts },
        'outbox relay could not publish; will retry',
      );
      // Back off without blocking wake-ups forever: the poll timer retries.
      await sleep(delay);
    }
  }

  /**
   * Publishes pending rows in one transaction (see publishPending); returns how many. A failed
   * send is recorded, then thrown (the rows published before it stay marked sent).
   */
  private async publishBatch(): Promise<number> {
    const { published, failure } = await publishPending({
      dataSource: this.options.dataSource,
      bus: this.options.bus,
      batchSize: this.options.batchSize,
      stopping: () => this.stopped,
      onPublishFailed: this.options.onPublishFailed,
    });
    // Counted once committed: a publish whose commit failed is published again.
    if (published.length > 0) this.options.onPublished?.(published);
    if (failure) throw failure;
    return published.length;
  }
}
