import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError, requireUuid, wallClockOf } from '@fidu/service-kit';
import { PRESTATION_COLUMNS, type PrestationRow } from '../db/prestation.mapping';
import { canApply } from '../domain/prestation-states';
import type { CompanySideScope } from '../domain/titres-scope';
import { prestationNotFound } from '../domain/titres.errors';
import { transitionPrestation } from './prestation-transition';

/** What the company receives per reimbursed voucher (cents). Illustrative reimbursement value. */
export const VOUCHER_REIMBURSEMENT_CENTS = 2300;
/** Platform handling fee per reimbursed voucher, billed to the company monthly (cents). Our choice. */
export const REMISE_FEE_PER_VOUCHER_CENTS = 5;

export interface ReimbursementRequestRow {
  id: string;
  officeId: string;
  companyId: string;
  state: string;
  voucherCount: number;
  amountCents: number;
  createdAt: Date;
}

/**
 * A reimbursement request (remise): for each prestation, every attributed voucher not yet
 * requested, even when the prestation is not complete (partially attributed → 17 partially
 * reimbursed). A prestation with nothing left to request is refused (TS_PRESTATION_NOTHING_TO_REIMBURSE).
 */
export async function requestReimbursement(
  ds: DataSource,
  scope: CompanySideScope,
  input: { companyId: string; prestationIds: string[] },
  actor: string,
  now = new Date(),
  correlationId?: string,
): Promise<{ request: ReimbursementRequestRow; prestations: PrestationRow[] }> {
  const companyId = requireUuid(input.companyId, 'companyId');
  const ids = [...new Set(input.prestationIds.map((id, i) => requireUuid(id, `prestationIds[${i}]`)))];
  if (ids.length === 0 || ids.length > 500) {
    throw new DomainError(
      'TS_REIMBURSEMENT_EMPTY',
      'Name 1 to 500 prestations to reimburse.',
      'prestationIds',
    );
  }
  return ds.transaction(async (em) => {
    const params: unknown[] = [ids, companyId];
    const scopeSql = scope.kind === 'office' ? `AND p.office_id = $3` : `AND p.company_id = $3`;
    params.push(scope.kind === 'office' ? scope.officeId : scope.companyId);
    const rows = (await em.query(
      `SELECT ${PRESTATION_COLUMNS} FROM prestation p WHERE p.id = ANY($1) AND p.company_id = $2 ${scopeSql} ORDER BY p.id FOR UPDATE`,
      params,
    )) as PrestationRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const requestId = randomUUID();
    const changed: PrestationRow[] = [];
    let total = 0;
    const lines: [string, number][] = [];
    for (const [i, id] of ids.entries()) {
      const p = byId.get(id);
      if (!p) throw prestationNotFound(`prestationIds[${i}]`);
      const count = p.vouchersAttributed - p.vouchersReimbursementRequested;
      if (count <= 0 || !canApply(p.state, 'REIMBURSE')) {
        throw new DomainError(
          'TS_PRESTATION_NOTHING_TO_REIMBURSE',
          `Prestation ${id} has no attributed voucher left to request (state ${p.state}).`,
          `prestationIds[${i}]`,
          { prestationId: id, state: p.state },
        );
      }
      total += count;
      lines.push([id, count]);
    }
    const officeId = rows[0]!.officeId;
    await em.query(
      `INSERT INTO reimbursement_request (id, office_id, company_id, state, voucher_count, amount_cents, created_at)
       VALUES ($1, $2, $3, 'REQUESTED', $4, $5, $6)`,
      [requestId, officeId, companyId, total, total * VOUCHER_REIMBURSEMENT_CENTS, now],
    );
    for (const [id, count] of lines) {
      await em.query(
        `INSERT INTO reimbursement_request_line (request_id, prestation_id, voucher_count) VALUES ($1, $2, $3)`,
        [requestId, id, count],
      );
      await em.query(
        `UPDATE voucher SET reimbursement_request_id = $1 WHERE prestation_id = $2 AND reimbursement_request_id IS NULL`,
        [requestId, id],
      );
      changed.push(
        await transitionPrestation(em, byId.get(id)!, {
          action: 'REIMBURSE',
          actor,
          now,
          correlationId,
          reimbursed: count,
        }),
      );
    }
    await em.query(
      `INSERT INTO billing_line (id, office_id, company_id, kind, description, quantity, unit_cents, amount_cents, occurred_on, source_ref)
       VALUES ($1, $2, $3, 'REMISE_FEE', $4, $5, $6, $7, $8, $9)`,
      [
        randomUUID(),
        officeId,
        companyId,
        `Frais de remise électronique (${total} titres)`,
        total,
        REMISE_FEE_PER_VOUCHER_CENTS,
        total * REMISE_FEE_PER_VOUCHER_CENTS,
        wallClockOf(now).date,
        `remise:${requestId}`,
      ],
    );
    return {
      request: {
        id: requestId,
        officeId,
        companyId,
        state: 'REQUESTED',
        voucherCount: total,
        amountCents: total * VOUCHER_REIMBURSEMENT_CENTS,
        createdAt: now,
      },
      prestations: changed,
    };
  });
}
