import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Banks could once mark an IBAN active for any office and client they named: those
 * activations were never checked against a CODA mandate, so they are revoked. Accounts mandates
 * activated stay; entries already received stay in the files they went to.
 */
export class RevokeBankPartnerActivations1732300000003 implements MigrationInterface {
  name = 'RevokeBankPartnerActivations1732300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM bank_account WHERE activated_by = 'BANK_PARTNER'`);
  }

  async down(): Promise<void> {
    // Revoked activations are not restored.
  }
}
