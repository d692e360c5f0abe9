import type { EntityManager } from 'typeorm';
import { wallClockOf } from '@fidu/service-kit';
import { findPrestation } from '../db/prestation.repository';
import { AUTO_VALIDATED_STATES, canApply } from '../domain/prestation-states';
import { lockWallet, transitionPrestation } from './prestation-transition';

/**
 * Validates automatically every prestation whose period ended before today (Brussels) and on
 * which the user or the company has not acted (ENCODED, CONFIRMED, VALIDATED, CORRECTED):
 * vouchers are attributed as if both had agreed. Contested prestations wait for the company.
 * Runs inside the job's transaction (jobs/auto-validate-prestations.job.ts: one run per day across replicas).
 */
export async function autoValidatePrestations(em: EntityManager, now: Date): Promise<string> {
  const today = wallClockOf(now).date;
  const due = (await em.query(
    `SELECT id, voucher_user_id AS "voucherUserId" FROM prestation
     WHERE state = ANY($1) AND period_ends_on < $2::date ORDER BY voucher_user_id, id`,
    [AUTO_VALIDATED_STATES, today],
  )) as { id: string; voucherUserId: string }[];
  let done = 0;
  for (const d of due) {
    await lockWallet(em, d.voucherUserId);
    const p = await findPrestation(em, null, d.id, true);
    // A user or company action may have won the race since the list was read.
    if (!p || !canApply(p.state, 'AUTO_VALIDATE') || p.periodEndsOn >= today) continue;
    await transitionPrestation(em, p, {
      action: 'AUTO_VALIDATE',
      actor: 'system',
      reason: `period ended on ${p.periodEndsOn}`,
      now,
    });
    done++;
  }
  return `${done} prestation(s) validated automatically`;
}
