import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C `traceparent` of the request that wrote an outbox row, so the relay's publish (later,
 * in another context) continues that request's trace. Null when tracing was off.
 */
export class OutboxTraceparent1700000000010 implements MigrationInterface {
  name = 'OutboxTraceparent1700000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN traceparent text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN traceparent`);
  }
}
