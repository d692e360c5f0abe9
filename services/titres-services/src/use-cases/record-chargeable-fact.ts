import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SODA_FIRST_FILE_CENTS, type ChargeableFact } from '../domain/billing-rules';

/**
 * Applies one chargeable fact inside the inbox transaction of the event that carried it. Each
 * charge has a source_ref, unique, so a replay (or the same fact from two events) charges once.
 */
export async function recordChargeableFact(em: EntityManager, fact: ChargeableFact): Promise<void> {
  switch (fact.kind) {
    case 'SODA_MANDATE_ACTIVATED':
      await em.query(
        `INSERT INTO soda_mandate_billing (mandate_id, office_id, activated_on) VALUES ($1, $2, $3)
         ON CONFLICT (mandate_id) DO UPDATE SET activated_on = coalesce(soda_mandate_billing.activated_on, EXCLUDED.activated_on), ended_on = NULL`,
        [fact.mandateId, fact.officeId, fact.on],
      );
      return;
    case 'SODA_MANDATE_ENDED':
      await em.query(`UPDATE soda_mandate_billing SET ended_on = $2 WHERE mandate_id = $1`, [
        fact.mandateId,
        fact.on,
      ]);
      return;
    case 'SODA_MANDATE_FIRST_FILE':
      await em.query(
        `INSERT INTO soda_mandate_billing (mandate_id, office_id, first_file_on) VALUES ($1, $2, $3)
         ON CONFLICT (mandate_id) DO UPDATE SET first_file_on = coalesce(soda_mandate_billing.first_file_on, EXCLUDED.first_file_on)`,
        [fact.mandateId, fact.officeId, fact.on],
      );
      await em.query(
        `INSERT INTO billing_line (id, office_id, company_id, kind, description, quantity, unit_cents, amount_cents, occurred_on, source_ref)
         VALUES ($1, $2, NULL, 'SODA_FIRST_FILE', $3, 1, $4, $4, $5, $6) ON CONFLICT (source_ref) DO NOTHING`,
        [
          randomUUID(),
          fact.officeId,
          `Mise en service SODA (mandat ${fact.mandateId})`,
          SODA_FIRST_FILE_CENTS,
          fact.on,
          `soda-first-file:${fact.mandateId}`,
        ],
      );
      return;
  }
}
