import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `parked_event`: messages the inbox consumer could not apply for a reason inside the message
 * (undecodable, or a handler that keeps failing while the database is healthy). The source of
 * truth for an operator to see and replay them; one row per consumer and Kafka position, so a
 * redelivered message is parked once.
 */
export class ParkedEvents1700000000004 implements MigrationInterface {
  name = 'ParkedEvents1700000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE parked_event (
        id uuid PRIMARY KEY,
        consumer text NOT NULL,
        topic text NOT NULL,
        kafka_partition int NOT NULL,
        kafka_offset bigint NOT NULL,
        message_key text NOT NULL,
        payload bytea NOT NULL,
        headers jsonb NOT NULL,
        event_id text,
        event_type text,
        error text NOT NULL,
        attempts int NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        replay_result text,
        replayed_by text,
        UNIQUE (consumer, topic, kafka_partition, kafka_offset)
      )`);
    await q.query(
      `CREATE INDEX parked_event_pending_idx ON parked_event (parked_at) WHERE replayed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE parked_event`);
  }
}
