import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a SODA affiliation fact comes from: a secretariat's ANSWER to an activation
 * request an office addressed to it, or its own DECLARATION of affiliates. Boost trusts answers over
 * declarations, and a declaration never overwrites an answer. Rows from before cannot be told
 * apart and count as declarations (the weaker kind).
 */
export class SodaAffiliationSource1732300000004 implements MigrationInterface {
  name = 'SodaAffiliationSource1732300000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE soda_affiliation ADD COLUMN source text NOT NULL DEFAULT 'DECLARATION' CHECK (source IN ('ANSWER', 'DECLARATION'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE soda_affiliation DROP COLUMN source`);
  }
}
