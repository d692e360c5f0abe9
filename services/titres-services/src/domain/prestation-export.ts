import { delimitedWriter } from '@fidu/service-kit/domain';
import { EXPORT_STATUS, type PrestationState } from './prestation-states';

/**
 * What an export holds: one company's prestations, encoded in [from, to] (Brussels dates) and
 * performed in [performedFrom, performedTo]; every bound optional (null: no bound).
 */
export interface PrestationExportFilter {
  companyId: string;
  from: string | null;
  to: string | null;
  performedFrom?: string | null;
  performedTo?: string | null;
}

/** A prepared export: the signed download link, when it expires, and what it holds. */
export interface PrestationExportLink {
  downloadUrl: string;
  expiresAt: Date;
  grant: PrestationExportFilter;
}

/** The CSV header (semicolon-separated, as Belgian spreadsheets expect). */
export const EXPORT_COLUMNS = [
  'prestation_id',
  'performed_on',
  'hours',
  'activity',
  'worker',
  'voucher_user',
  'encoded_by',
  'status_code',
  'status_label',
  'vouchers_needed',
  'vouchers_attributed',
  'vouchers_remaining',
  'vouchers_reimbursement_requested',
  'vouchers_left_to_request',
  'encoded_at',
];

/** Semicolon-separated, LF, quoted as RFC 4180 says when a field holds `;`, `"` or a line break. */
export const EXPORT_CSV = delimitedWriter({ delimiter: ';', recordDelimiter: '\n', quoting: 'rfc4180' });

/** One prestation as the export reads it. */
export interface ExportRow {
  id: string;
  performedOn: string;
  hours: number;
  activity: string;
  worker: string;
  voucherUser: string;
  encodedBy: string;
  state: PrestationState;
  attributed: number;
  requested: number;
  createdAt: Date;
}

/** The CSV header line. */
export const exportHeader = (): string => EXPORT_CSV.line(EXPORT_COLUMNS);

/** One CSV line of a prestation (with its line break), with its status code and label. */
export function exportLine(r: ExportRow): string {
  const status = EXPORT_STATUS[r.state];
  return EXPORT_CSV.line([
    r.id,
    r.performedOn,
    r.hours,
    r.activity,
    r.worker,
    r.voucherUser,
    r.encodedBy,
    status.code,
    status.label,
    r.hours,
    r.attributed,
    r.hours - r.attributed,
    r.requested,
    r.attributed - r.requested,
    r.createdAt.toISOString(),
  ]);
}
