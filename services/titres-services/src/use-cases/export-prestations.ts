import { createHmac, timingSafeEqual } from 'node:crypto';
import type express from 'express';
import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { ApprovedCompanyEntity } from '../db/approved-company.entity';
import { inCompanyScope } from '../db/in-company-scope';
import { companyNotFound } from '../domain/approved-company.errors';
import { EXPORT_STATUS, type PrestationState } from '../domain/prestation-states';
import type { TitresScope } from '../domain/titres-access';

/** Path of the streamed CSV on the subgraph. */
export const EXPORT_PATH = '/exports/prestations.csv';
/** A download link is valid this long. */
const LINK_TTL_MS = 5 * 60_000;
/** Rows read per statement while streaming: memory stays flat whatever the export's size. */
const BATCH = 2000;

/**
 * What a download link allows: one company's prestations, encoded in [from, to] and performed in
 * [performedFrom, performedTo] (issue 13 item 5; absent from links signed before: no bound).
 */
export interface ExportGrant {
  companyId: string;
  from: string | null;
  to: string | null;
  performedFrom?: string | null;
  performedTo?: string | null;
  exp: number;
}

export interface PrestationExportInput {
  companyId: string;
  /** Encoding dates (Brussels), the original filter. */
  from?: string | null;
  to?: string | null;
  /** Dates the work was done (performedOn), the period an office accounts for. */
  performedFrom?: string | null;
  performedTo?: string | null;
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', `prestation-export:${secret}`).update(body).digest('base64url');
}

/** Verifies a link token; null when forged or expired. */
export function verifyExportToken(token: string, secret: string, now = Date.now()): ExportGrant | null {
  const [body, mac] = token.split('.');
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const grant = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ExportGrant;
    return grant.exp > now ? grant : null;
  } catch {
    return null;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Prepares an export of a company's prestations (encoded between `from` and `to`, both optional,
 * Brussels dates) for the office or the company itself: returns a short-lived signed link to the
 * streamed CSV. The scope is checked here, once; the link carries only what it grants.
 */
export async function createPrestationExport(
  ds: DataSource,
  scope: Exclude<TitresScope, { kind: 'voucher_user' }>,
  input: PrestationExportInput,
  secret: string,
  now = Date.now(),
): Promise<{ downloadPath: string; expiresAt: Date; grant: Omit<ExportGrant, 'exp'> }> {
  const companyId = requireUuid(input.companyId, 'companyId');
  for (const field of ['from', 'to', 'performedFrom', 'performedTo'] as const) {
    const v = input[field];
    if (v != null && !DATE.test(v))
      throw new DomainError('TS_EXPORT_RANGE_INVALID', `${field} must be a date (YYYY-MM-DD).`, field);
  }
  if (input.from && input.to && input.from > input.to) {
    throw new DomainError('TS_EXPORT_RANGE_INVALID', 'from must not be after to.', 'from');
  }
  if (input.performedFrom && input.performedTo && input.performedFrom > input.performedTo) {
    throw new DomainError(
      'TS_EXPORT_RANGE_INVALID',
      'performedFrom must not be after performedTo.',
      'performedFrom',
    );
  }
  const company = await ds
    .getRepository(ApprovedCompanyEntity)
    .findOne({ where: inCompanyScope(scope, { id: companyId }) });
  if (!company) throw companyNotFound();
  const grant: ExportGrant = {
    companyId,
    from: input.from ?? null,
    to: input.to ?? null,
    performedFrom: input.performedFrom ?? null,
    performedTo: input.performedTo ?? null,
    exp: now + LINK_TTL_MS,
  };
  const body = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return {
    downloadPath: `${EXPORT_PATH}?token=${body}.${sign(body, secret)}`,
    expiresAt: new Date(grant.exp),
    grant: {
      companyId,
      from: grant.from,
      to: grant.to,
      performedFrom: grant.performedFrom,
      performedTo: grant.performedTo,
    },
  };
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

function csvField(value: string | number): string {
  const s = String(value);
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface ExportRow {
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

/** One CSV line of a prestation, with its status code and label. */
export function exportLine(r: ExportRow): string {
  const status = EXPORT_STATUS[r.state];
  return [
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
  ]
    .map(csvField)
    .join(';');
}

/**
 * The CSV in chunks: the header, then one chunk per batch of rows read by keyset on encoding time
 * and id, so no query is long and nothing holds the whole export in memory.
 */
export async function* prestationExportChunks(
  ds: DataSource,
  grant: Omit<ExportGrant, 'exp'>,
  maxRows = Infinity,
): AsyncGenerator<string> {
  yield `${EXPORT_COLUMNS.join(';')}\n`;
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
        `More than ${maxRows} prestations: download the file (downloadPath) or narrow from/to.`,
        'content',
      );
    }
    yield rows.map((r) => `${exportLine(r)}\n`).join('');
    const last = rows[rows.length - 1]!;
    after = [last.createdAt, last.id];
    if (rows.length < BATCH) return;
  }
}

/** Rows `content` returns through GraphQL (the gateway buffers responses); larger exports are downloaded. */
export const INLINE_EXPORT_MAX_ROWS = 10_000;

/** The whole CSV as text, for small exports read through the gateway. */
export async function prestationExportText(ds: DataSource, grant: Omit<ExportGrant, 'exp'>): Promise<string> {
  let text = '';
  for await (const chunk of prestationExportChunks(ds, grant, INLINE_EXPORT_MAX_ROWS)) text += chunk;
  return text;
}

/**
 * GET /exports/prestations.csv?token=…: streams the CSV chunk by chunk, waiting for the socket to
 * drain, so a large export costs neither memory nor a long query.
 */
export function prestationExportRoute(ds: DataSource, secret: string) {
  return async (req: express.Request, res: express.Response): Promise<void> => {
    const grant = verifyExportToken(String(req.query.token ?? ''), secret);
    if (!grant) {
      res.status(403).json({
        errors: [{ message: 'The export link is invalid or expired.', extensions: { code: 'FORBIDDEN' } }],
      });
      return;
    }
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="prestations-${grant.companyId}.csv"`);
    for await (const chunk of prestationExportChunks(ds, grant)) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  };
}
