import type { DataSource } from 'typeorm';
import { DomainError } from '@fidu/service-kit';
import {
  exportHeader,
  exportLine,
  type ExportRow,
  type PrestationExportFilter,
} from '../domain/prestation-export';

/** Rows read per statement while streaming: memory stays flat whatever the export's size. */
const BATCH = 2000;

/**
 * The CSV in chunks: the header, then one chunk per batch of rows read by keyset on encoding time
 * and id, so no query is long and nothing holds the whole export in memory.
 */
export async function* prestationExportChunks(
  ds: DataSource,
  grant: PrestationExportFilter,
  maxRows = Infinity,
): AsyncGenerator<string> {
  yield exportHeader();
  let after: [Date, string] | null = null;
  let rowsOut = 0;
  for (;;) {
    const params: unknown[] = [
      grant.companyId,
      grant.from,
      grant.to,
      BATCH,
      grant.performedFrom ?? null,
      grant.performedTo ?? null,
    ];
    let keyset = '';
    if (after) {
      params.push(after[0], after[1]);
      keyset = 'AND (p.created_at, p.id) > ($7, $8)';
    }
    const rows = (await ds.query(
      `SELECT p.id, to_char(p.performed_on, 'YYYY-MM-DD') AS "performedOn", p.hours, p.activity,
         w.last_name || ' ' || w.first_name AS worker, u.last_name || ' ' || u.first_name AS "voucherUser",
         p.encoded_by AS "encodedBy", p.state, p.vouchers_attributed AS attributed,
         p.vouchers_reimbursement_requested AS requested, p.created_at AS "createdAt"
       FROM prestation p JOIN worker w ON w.id = p.worker_id JOIN voucher_user u ON u.id = p.voucher_user_id
       WHERE p.company_id = $1
         AND ($2::date IS NULL OR (p.created_at AT TIME ZONE 'Europe/Brussels')::date >= $2::date)
         AND ($3::date IS NULL OR (p.created_at AT TIME ZONE 'Europe/Brussels')::date <= $3::date)
         AND ($5::date IS NULL OR p.performed_on >= $5::date)
         AND ($6::date IS NULL OR p.performed_on <= $6::date)
         ${keyset}
       ORDER BY p.created_at, p.id LIMIT $4`,
      params,
    )) as ExportRow[];
    if (rows.length === 0) return;
    rowsOut += rows.length;
    if (rowsOut > maxRows) {
      throw new DomainError(
        'TS_EXPORT_TOO_LARGE',
        `More than ${maxRows} prestations: download the file (downloadUrl) or narrow from/to.`,
        'content',
      );
    }
    yield rows.map(exportLine).join('');
    const last = rows[rows.length - 1]!;
    after = [last.createdAt, last.id];
    if (rows.length < BATCH) return;
  }
}
