import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publication order = insertion order. Rows written by one transaction share `created_at` and
 * have random ids, so ordering by them could publish an aggregate's events out of order.
 */
export class OutboxSequence1700000000003 implements MigrationInterface {
  name = 'OutboxSequence1700000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN seq bigserial`);
    await q.query(`DROP INDEX outbox_pending_idx`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_pending_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN seq`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE sent_at IS NULL`);
  }
}
