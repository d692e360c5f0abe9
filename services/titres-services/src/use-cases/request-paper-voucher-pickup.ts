import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { addDays, requireUuid, ValidationError, wallClockOf } from '@fidu/service-kit';
import { companyInScope } from '../db/approved-company.repository';
import type { CompanySideScope } from '../domain/titres-scope';

export interface PickupRow {
  id: string;
  officeId: string;
  companyId: string;
  pickupOn: string;
  envelopeCount: number;
  voucherCount: number;
  state: string;
  createdAt: Date;
}

/**
 * Asks for a pickup (enlèvement) of paper vouchers: on a Belgian business day from tomorrow to
 * 60 days ahead; 1–50 envelopes, 1–10 000 vouchers.
 */
export async function requestPaperVoucherPickup(
  ds: DataSource,
  scope: CompanySideScope,
  input: { companyId: string; pickupOn: string; envelopeCount: number; voucherCount: number },
  isBusinessDay: (date: string) => boolean,
  now = new Date(),
): Promise<PickupRow> {
  requireUuid(input.companyId, 'companyId');
  const today = wallClockOf(now).date;
  const problems: { field: string; code: string; message: string }[] = [];
  const d = input.pickupOn;
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (!isDate || d <= today || d > addDays(today, 60) || !isBusinessDay(d)) {
    problems.push({
      field: 'pickupOn',
      code: 'TS_PICKUP_DATE_INVALID',
      message: 'pickupOn must be a Belgian business day from tomorrow to 60 days ahead.',
    });
  }
  if (!Number.isInteger(input.envelopeCount) || input.envelopeCount < 1 || input.envelopeCount > 50) {
    problems.push({
      field: 'envelopeCount',
      code: 'TS_PICKUP_COUNT_INVALID',
      message: 'envelopeCount must be 1 to 50.',
    });
  }
  if (!Number.isInteger(input.voucherCount) || input.voucherCount < 1 || input.voucherCount > 10000) {
    problems.push({
      field: 'voucherCount',
      code: 'TS_PICKUP_COUNT_INVALID',
      message: 'voucherCount must be 1 to 10 000.',
    });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return ds.transaction(async (em) => {
    const company = await companyInScope(em, scope, input.companyId);
    const row: PickupRow = {
      id: randomUUID(),
      officeId: company.officeId,
      companyId: company.id,
      pickupOn: d,
      envelopeCount: input.envelopeCount,
      voucherCount: input.voucherCount,
      state: 'REQUESTED',
      createdAt: now,
    };
    await em.query(
      `INSERT INTO paper_voucher_pickup (id, office_id, company_id, pickup_on, envelope_count, voucher_count, state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.officeId, row.companyId, d, row.envelopeCount, row.voucherCount, row.state, now],
    );
    return row;
  });
}
