import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import type { EventBus } from './event-bus';
import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  databaseUrl: string;
  bus: EventBus;
  log: Logger;
  batchSize?: number;
  /** Fallback poll, in case a notification was missed (e.g. the LISTEN connection dropped). */
  pollIntervalMs?: number;
}

interface PendingRow {
  id: string;
  topic: string;
  message_key: string;
  payload: Buffer;
  headers: Record<string, string>;
}

/**
 * Publishes pending outbox rows to Kafka and marks them sent. Woken by NOTIFY at commit time,
 * so an event leaves within milliseconds; rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several replicas never publish the same row concurrently. At-least-once: a crash between
 * publish and commit republishes, and the consumers' inbox absorbs the duplicate.
 */
export class OutboxRelay {
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  async start(): Promise<void> {
    this.listener = new Client({ connectionString: this.options.databaseUrl });
    this.listener.on('notification', () => this.wake());
    this.listener.on('error', (error) => this.options.log.warn({ err: error }, 'outbox listener error'));
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 2000);
    this.wake();
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
    await this.flush();
    await this.listener?.end().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.publishBatch()) > 0);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.options.log.warn(
        { err: error, failures: this.failures },
        'outbox relay could not publish; will retry',
      );
      // Back off without blocking wake-ups forever: the poll timer retries.
      await new Promise((r) => setTimeout(r, Math.min(30_000, 200 * 2 ** this.failures)));
    }
  }

  /** Publishes one batch; returns how many rows left. A failed publish is recorded, then thrown. */
  private async publishBatch(): Promise<number> {
    let failure: unknown;
    const published = await this.options.dataSource.transaction(async (em) => {
      const rows: PendingRow[] = await em.query(
        `SELECT id, topic, message_key, payload, headers FROM outbox
          WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 200],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      try {
        await this.options.bus.publish(
          rows.map((r) => ({ topic: r.topic, key: r.message_key, value: r.payload, headers: r.headers })),
        );
      } catch (error) {
        failure = error;
        await em.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)`, [
          ids,
          String(error),
        ]);
        return 0;
      }
      await em.query(`UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`, [ids]);
      return rows.length;
    });
    if (failure) throw failure;
    return published;
  }
}
