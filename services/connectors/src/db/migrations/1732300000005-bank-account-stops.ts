import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A stopped account is kept (with its dossier) instead of deleted, so entries
 * dated up to the stop still flow, later ones are refused and counted, and a reactivation resumes.
 */
export class BankAccountStops1732300000005 implements MigrationInterface {
  name = 'BankAccountStops1732300000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bank_account
      ADD COLUMN stopped_on date,
      ADD COLUMN stopped_state text CHECK (stopped_state IN ('STOPPED_BY_HOLDER', 'STOPPED_BY_BANK')),
      ADD COLUMN refused_entry_count int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE bank_account DROP COLUMN stopped_on, DROP COLUMN stopped_state, DROP COLUMN refused_entry_count`,
    );
  }
}
