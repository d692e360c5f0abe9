import type { DataSource } from 'typeorm';
import { PRESTATION_COLUMNS, type PrestationRow } from '../db/prestation.mapping';
import { AWAITING_COMPANY_STATES, EXPORT_STATUS, type PrestationState } from '../domain/prestation-states';
import { latestPickups, type PickupView } from './pickup.read-model';
import {
  latestReimbursementRequests,
  type ReimbursementRequestView,
} from './reimbursement-request.read-model';

/** What the company's dashboard shows: counts by state, what waits for it, and the latest of everything. */
export interface CompanyDashboard {
  companyId: string;
  prestationsByState: { state: PrestationState; exportStatusCode: number; count: number }[];
  prestationsAwaitingCompany: number;
  vouchersLeftToRequest: number;
  latestPrestations: PrestationRow[];
  reimbursementRequestCount: number;
  latestReimbursementRequests: ReimbursementRequestView[];
  pickupCount: number;
  latestPickups: PickupView[];
}

/** The dashboard of a company already checked to be in the caller's scope: six statements, run together. */
export async function companyDashboard(ds: DataSource, companyId: string): Promise<CompanyDashboard> {
  const [counts, latest, [remises], latestRemises, [pickups], pickupsShown] = await Promise.all([
    ds.query(
      `SELECT state, count(*)::int AS count, sum(vouchers_attributed - vouchers_reimbursement_requested)::int AS "leftToRequest"
       FROM prestation WHERE company_id = $1 GROUP BY state`,
      [companyId],
    ) as Promise<{ state: PrestationState; count: number; leftToRequest: number }[]>,
    ds.query(
      `SELECT ${PRESTATION_COLUMNS} FROM prestation p WHERE p.company_id = $1 ORDER BY p.updated_at DESC, p.id LIMIT 5`,
      [companyId],
    ) as Promise<PrestationRow[]>,
    ds.query(`SELECT count(*)::int AS n FROM reimbursement_request WHERE company_id = $1`, [
      companyId,
    ]) as Promise<{ n: number }[]>,
    latestReimbursementRequests(ds, companyId, 5),
    ds.query(`SELECT count(*)::int AS n FROM paper_voucher_pickup WHERE company_id = $1`, [
      companyId,
    ]) as Promise<{ n: number }[]>,
    latestPickups(ds, companyId, 5),
  ]);
  return {
    companyId,
    prestationsByState: counts
      .map((c) => ({ state: c.state, exportStatusCode: EXPORT_STATUS[c.state].code, count: c.count }))
      .sort((a, b) => a.exportStatusCode - b.exportStatusCode),
    prestationsAwaitingCompany: counts
      .filter((c) => AWAITING_COMPANY_STATES.includes(c.state))
      .reduce((n, c) => n + c.count, 0),
    vouchersLeftToRequest: counts.reduce((n, c) => n + c.leftToRequest, 0),
    latestPrestations: latest,
    reimbursementRequestCount: remises!.n,
    latestReimbursementRequests: latestRemises,
    pickupCount: pickups!.n,
    latestPickups: pickupsShown,
  };
}
