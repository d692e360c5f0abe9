import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** Channel on which a commit that wrote outbox rows wakes the relay (Postgres NOTIFY is sent at commit). */
export const OUTBOX_CHANNEL = 'fidu_outbox';

/** What the outbox stores: one serialized event (see @fidu/proto-events `encodeEvent`). */
export interface OutboxEvent {
  id?: string;
  topic: string;
  key: string;
  type: string;
  value: Uint8Array;
  headers: Record<string, string>;
}

/**
 * Writes events into the outbox inside the caller's transaction, so they exist if and only if
 * the state change they describe was committed.
 */
export async function appendToOutbox(em: EntityManager, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  const params: unknown[] = [];
  const rows = events.map((e, i) => {
    params.push(
      e.id ?? randomUUID(),
      e.topic,
      e.key,
      e.type,
      Buffer.from(e.value),
      JSON.stringify(e.headers),
    );
    const b = i * 6;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`;
  });
  await em.query(
    `INSERT INTO outbox (id, topic, message_key, event_type, payload, headers) VALUES ${rows.join(', ')}`,
    params,
  );
  await em.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
}
