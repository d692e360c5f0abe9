import type { DataSource } from 'typeorm';
import { addDays, DomainError, forbidden, requireUuid, wallClockOf } from '@fidu/service-kit';
import { type PrestationRow } from '../db/prestation.mapping';
import { findPrestation } from '../db/prestation.repository';
import { addBelgianBusinessDays } from '../domain/belgian-business-days';
import { checkPrestationFacts } from '../domain/prestation-input';
import { canApply, illegalTransition, type PrestationAction } from '../domain/prestation-states';
import type { TitresScope } from '../domain/titres-scope';
import { prestationNotFound, workerNotFound } from '../domain/titres.errors';
import { lockWallet, transitionPrestation } from './prestation-transition';

/** The user's actions and the company's; the rest (attribution, reimbursement, job) have their own use cases. */
export type ManualAction = Extract<
  PrestationAction,
  'CONFIRM' | 'CONTEST' | 'VALIDATE' | 'CORRECT' | 'CANCEL'
>;

const USER_ACTIONS: readonly ManualAction[] = ['CONFIRM', 'CONTEST'];

/** What a correction may change; at least one field. */
export interface PrestationCorrection {
  performedOn?: string | null;
  hours?: number | null;
  activity?: string | null;
  workerId?: string | null;
}

export interface ActOnPrestationInput {
  prestationId: string;
  action: ManualAction;
  actor: string;
  reason?: string | null;
  correction?: PrestationCorrection;
  /** Period (business days) restarted by a correction: the user gets a full period to re-check. */
  periodDays: number;
  now?: Date;
  correlationId?: string;
}

/**
 * One action of the user (confirm, contest) or of the company (validate, correct, cancel) on a
 * prestation in the caller's scope. When it completes the agreement of both sides, vouchers are
 * taken from the wallet in the same transaction (the wallet is locked first).
 */
export async function actOnPrestation(
  ds: DataSource,
  scope: TitresScope,
  input: ActOnPrestationInput,
): Promise<PrestationRow> {
  const id = requireUuid(input.prestationId, 'prestationId');
  const isUserAction = USER_ACTIONS.includes(input.action);
  if (isUserAction && scope.kind !== 'voucher_user')
    throw forbidden('Only the voucher user confirms or contests a prestation.');
  if (!isUserAction && scope.kind === 'voucher_user')
    throw forbidden('Only the approved company validates, corrects or cancels.');
  const now = input.now ?? new Date();
  const reason = input.reason?.trim() || null;
  if (input.action === 'CONTEST' && (!reason || reason.length > 500)) {
    throw new DomainError(
      'TS_CONTEST_REASON_REQUIRED',
      'Say why you contest the prestation (1 to 500 characters).',
      'reason',
    );
  }
  // Bounded for every action: the reason is stored in the prestation's history.
  if (reason && reason.length > 500)
    throw new DomainError('TS_REASON_TOO_LONG', 'A reason has at most 500 characters.', 'reason');
  const patch = input.action === 'CORRECT' ? checkCorrection(input.correction, now) : undefined;

  return ds.transaction(async (em) => {
    const seen = await findPrestation(em, scope, id);
    if (!seen) throw prestationNotFound();
    if (!canApply(seen.state, input.action)) throw illegalTransition(seen.state, input.action);
    await lockWallet(em, seen.voucherUserId);
    const p = (await findPrestation(em, scope, id, true))!;
    if (patch?.workerId) {
      const [w] = (await em.query(`SELECT id FROM worker WHERE id = $1 AND company_id = $2`, [
        patch.workerId,
        p.companyId,
      ])) as unknown[];
      if (!w) throw workerNotFound('correction.workerId');
    }
    // After a contest the company's answer (correction or validation as encoded) gives the user a full new period.
    const restartsPeriod =
      input.action === 'CORRECT' || (input.action === 'VALIDATE' && p.state === 'CONTESTED');
    return transitionPrestation(em, p, {
      action: input.action,
      actor: input.actor,
      reason,
      now,
      correlationId: input.correlationId,
      patch: restartsPeriod
        ? { ...patch, periodEndsOn: addBelgianBusinessDays(wallClockOf(now).date, input.periodDays) }
        : undefined,
    });
  });
}

function checkCorrection(correction: PrestationCorrection | undefined, now: Date): Partial<PrestationRow> {
  const c = correction ?? {};
  const patch: Partial<PrestationRow> = {};
  if (c.performedOn != null) patch.performedOn = c.performedOn;
  if (c.hours != null) patch.hours = c.hours;
  if (c.activity != null) patch.activity = c.activity;
  if (c.workerId != null) patch.workerId = requireUuid(c.workerId, 'correction.workerId');
  if (Object.keys(patch).length === 0) {
    throw new DomainError(
      'TS_CORRECTION_EMPTY',
      'A correction changes at least one of performedOn, hours, activity, workerId.',
      'correction',
    );
  }
  const today = wallClockOf(now).date;
  checkPrestationFacts(patch, today, addDays(today, -366));
  return patch;
}
