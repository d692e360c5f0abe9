import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { addDays, appendToOutbox, requireUuid, wallClockOf } from '@fidu/service-kit';
import { inCompanyScope } from '../db/approved-company.repository';
import { ApprovedCompanyEntity } from '../db/approved-company.entity';
import { type PrestationRow } from '../db/prestation.mapping';
import { findPrestation } from '../db/prestation.repository';
import { companyNotFound } from '../domain/approved-company.errors';
import { addBelgianBusinessDays } from '../domain/belgian-business-days';
import { checkPrestationFacts } from '../domain/prestation-input';
import type { CompanySideScope } from '../domain/titres-scope';
import { voucherUserNotFound, workerNotFound } from '../domain/titres.errors';
import { prestationEncodedEvent } from '../events/prestation-events';

/** As sent by the caller. */
export interface EncodePrestationInput {
  companyId: string;
  workerId: string;
  voucherUserId: string;
  performedOn: string;
  hours: number;
  activity: string;
  encodedBy: 'WORKER' | 'COMPANY';
}

/**
 * Encodes a prestation for the company (by the company, its office, or on behalf of its worker).
 * It is at once open to the user (confirm/contest) and the company (validate): both periods
 * start now and end after `periodDays` Belgian business days.
 */
export async function encodePrestation(
  ds: DataSource,
  scope: CompanySideScope,
  input: EncodePrestationInput,
  periodDays: number,
  now = new Date(),
  correlationId?: string,
): Promise<PrestationRow> {
  const companyId = requireUuid(input.companyId, 'companyId');
  const workerId = requireUuid(input.workerId, 'workerId');
  const voucherUserId = requireUuid(input.voucherUserId, 'voucherUserId');
  const today = wallClockOf(now).date;
  checkPrestationFacts(input, today, addDays(today, -366));
  const encodedBy = input.encodedBy === 'WORKER' ? 'WORKER' : 'COMPANY';

  return ds.transaction(async (em) => {
    const company = await em.findOne(ApprovedCompanyEntity, {
      where: inCompanyScope(
        scope.kind === 'office' ? scope : { kind: 'company', companyId: scope.companyId },
        { id: companyId },
      ),
    });
    if (!company) throw companyNotFound();
    const [worker] = (await em.query(`SELECT id FROM worker WHERE id = $1 AND company_id = $2`, [
      workerId,
      companyId,
    ])) as unknown[];
    if (!worker) throw workerNotFound();
    const [user] = (await em.query(`SELECT id FROM voucher_user WHERE id = $1 AND office_id = $2`, [
      voucherUserId,
      company.officeId,
    ])) as unknown[];
    if (!user) throw voucherUserNotFound();
    const id = randomUUID();
    const periodEndsOn = addBelgianBusinessDays(today, periodDays);
    await em.query(
      `INSERT INTO prestation (id, office_id, company_id, worker_id, voucher_user_id, performed_on, hours, activity,
         encoded_by, state, period_ends_on, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ENCODED', $10, $11, $11, 1)`,
      [
        id,
        company.officeId,
        companyId,
        workerId,
        voucherUserId,
        input.performedOn,
        input.hours,
        input.activity,
        encodedBy,
        periodEndsOn,
        now,
      ],
    );
    await em.query(
      `INSERT INTO prestation_history (prestation_id, from_state, to_state, action, actor, reason,
         vouchers_attributed, vouchers_reimbursement_requested, at)
       VALUES ($1, NULL, 'ENCODED', 'ENCODE', $2, $3, 0, 0, $4)`,
      [
        id,
        encodedBy === 'WORKER' ? `worker:${workerId}` : `company:${companyId}`,
        `encoded by the ${encodedBy.toLowerCase()}`,
        now,
      ],
    );
    await appendToOutbox(em, [
      prestationEncodedEvent(
        {
          id,
          officeId: company.officeId,
          companyId,
          voucherUserId,
          workerId,
          performedOn: input.performedOn,
          hours: input.hours,
          activity: input.activity,
          encodedBy,
          periodEndsOn,
        },
        now,
        correlationId,
      ),
    ]);
    return (await findPrestation(em, null, id))!;
  });
}
