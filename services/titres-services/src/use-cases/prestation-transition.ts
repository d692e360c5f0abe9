import type { EntityManager } from 'typeorm';
import { appendToOutbox, wallClockOf } from '@fidu/service-kit';
import type { PrestationRow } from '../db/prestation.mapping';
import { leadsToPayment, nextPrestationState, type PrestationAction } from '../domain/prestation-states';
import { prestationStateChangedEvent } from '../events/prestation-events';

/**
 * Locks a voucher user's wallet for the rest of the transaction. Every path that takes vouchers
 * from a wallet (validation, confirmation, automatic validation, orders) locks the wallet first,
 * then the prestations: one order of locks, so no deadlock, and never two attributions of one
 * voucher (see `attributeVouchers`).
 */
export async function lockWallet(em: EntityManager, voucherUserId: string): Promise<void> {
  await em.query(`SELECT id FROM voucher_user WHERE id = $1 FOR UPDATE`, [voucherUserId]);
}

/**
 * Takes up to `wanted` unattributed, unexpired vouchers from the prestation's user's wallet,
 * oldest expiry first, and attributes them to it. The caller holds the wallet lock; SKIP LOCKED
 * and the `prestation_id IS NULL` guard make a voucher attributable once even without it.
 */
export async function attributeVouchers(
  em: EntityManager,
  p: PrestationRow,
  wanted: number,
  round: number,
  now: Date,
): Promise<number> {
  if (wanted <= 0) return 0;
  const today = wallClockOf(now).date;
  const rows = (await em.query(
    `WITH picked AS (
       SELECT id FROM voucher
       WHERE voucher_user_id = $1 AND prestation_id IS NULL AND expires_on >= $2::date
       ORDER BY expires_on, id LIMIT $3 FOR UPDATE SKIP LOCKED)
     UPDATE voucher v SET prestation_id = $4, attributed_at = $5, attribution_round = $6
     FROM picked WHERE v.id = picked.id AND v.prestation_id IS NULL
     RETURNING v.id`,
    [p.voucherUserId, today, wanted, p.id, now, round],
  )) as [unknown[], number] | unknown[];
  // TypeORM returns [rows, count] for UPDATE … RETURNING on Postgres.
  const returned = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
  return returned.length;
}

/** What a transition records besides the state: who, why, and changed facts (corrections). */
export interface TransitionRequest {
  action: PrestationAction;
  actor: string;
  reason?: string | null;
  now: Date;
  correlationId?: string;
  /** Corrected facts (CORRECT only). */
  patch?: Partial<Pick<PrestationRow, 'performedOn' | 'hours' | 'activity' | 'workerId' | 'periodEndsOn'>>;
  /** Vouchers newly attributed (ATTRIBUTE) or newly requested for reimbursement (REIMBURSE). */
  reimbursed?: number;
}

/**
 * Applies one transition of the table to a prestation the caller has locked (and, when vouchers
 * may be taken, whose wallet it has locked): attribution if both sides have now agreed, the new
 * state, a history row and a PrestationStateChanged event in the outbox, all in `em`'s transaction.
 */
export async function transitionPrestation(
  em: EntityManager,
  p: PrestationRow,
  req: TransitionRequest,
): Promise<PrestationRow> {
  const merged = { ...p, ...req.patch };
  let attributed = p.vouchersAttributed;
  let rounds = p.attributionRounds;
  let requested = p.vouchersReimbursementRequested;
  if (leadsToPayment(p.state, req.action) || req.action === 'ATTRIBUTE') {
    const got = await attributeVouchers(em, merged, merged.hours - attributed, rounds + 1, req.now);
    attributed += got;
    if (got > 0) rounds += 1;
  }
  if (req.action === 'REIMBURSE') requested += req.reimbursed ?? 0;
  const to = nextPrestationState(p.state, req.action, {
    needed: merged.hours,
    attributed,
    reimbursementRequested: requested,
  });
  const next: PrestationRow = {
    ...merged,
    state: to,
    vouchersAttributed: attributed,
    vouchersReimbursementRequested: requested,
    attributionRounds: rounds,
    updatedAt: req.now,
    version: p.version + 1,
  };
  await em.query(
    `UPDATE prestation SET state = $2, performed_on = $3, hours = $4, activity = $5, worker_id = $6,
       period_ends_on = $7, vouchers_attributed = $8, vouchers_reimbursement_requested = $9,
       attribution_rounds = $10, updated_at = $11, version = $12
     WHERE id = $1`,
    [
      p.id,
      next.state,
      next.performedOn,
      next.hours,
      next.activity,
      next.workerId,
      next.periodEndsOn,
      attributed,
      requested,
      rounds,
      req.now,
      next.version,
    ],
  );
  const reason = req.reason ?? defaultReason(req.action, next, attributed - p.vouchersAttributed);
  await em.query(
    `INSERT INTO prestation_history (prestation_id, from_state, to_state, action, actor, reason,
       vouchers_attributed, vouchers_reimbursement_requested, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [p.id, p.state, to, req.action, req.actor, reason, attributed, requested, req.now],
  );
  await appendToOutbox(em, [
    prestationStateChangedEvent(p, {
      from: p.state,
      to,
      action: req.action,
      reason,
      actor: req.actor,
      vouchersNeeded: next.hours,
      vouchersAttributed: attributed,
      vouchersReimbursementRequested: requested,
      at: req.now,
      correlationId: req.correlationId,
    }),
  ]);
  return next;
}

function defaultReason(action: PrestationAction, p: PrestationRow, got: number): string {
  switch (action) {
    case 'REIMBURSE':
      return `reimbursement requested for ${p.vouchersReimbursementRequested} of ${p.hours} vouchers`;
    case 'AUTO_VALIDATE':
    case 'ATTRIBUTE':
    case 'CONFIRM':
    case 'VALIDATE':
      return got > 0 || p.vouchersAttributed > 0
        ? `${got} voucher(s) attributed, ${p.vouchersAttributed} of ${p.hours} in all`
        : action === 'AUTO_VALIDATE' || p.state === 'AWAITING_VOUCHERS'
          ? 'no voucher in the wallet'
          : `${action.toLowerCase()}d`;
    default:
      return action.toLowerCase();
  }
}
