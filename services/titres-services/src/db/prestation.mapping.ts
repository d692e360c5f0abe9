import type { PrestationState } from '../domain/prestation-states';

/** A prestation row as read from SQL (snake_case columns mapped to camelCase). */
export interface PrestationRow {
  id: string;
  officeId: string;
  companyId: string;
  workerId: string;
  voucherUserId: string;
  performedOn: string;
  hours: number;
  activity: string;
  encodedBy: 'WORKER' | 'COMPANY';
  state: PrestationState;
  periodEndsOn: string;
  vouchersAttributed: number;
  vouchersReimbursementRequested: number;
  attributionRounds: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The select list that yields a PrestationRow (alias `p`). */
export const PRESTATION_COLUMNS = `p.id, p.office_id AS "officeId", p.company_id AS "companyId", p.worker_id AS "workerId",
  p.voucher_user_id AS "voucherUserId", to_char(p.performed_on, 'YYYY-MM-DD') AS "performedOn", p.hours, p.activity,
  p.encoded_by AS "encodedBy", p.state, to_char(p.period_ends_on, 'YYYY-MM-DD') AS "periodEndsOn",
  p.vouchers_attributed AS "vouchersAttributed", p.vouchers_reimbursement_requested AS "vouchersReimbursementRequested",
  p.attribution_rounds AS "attributionRounds", p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version`;
