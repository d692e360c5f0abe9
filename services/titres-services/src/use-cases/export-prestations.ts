import type { DataSource } from 'typeorm';
import { DomainError, requireUuid, signLink, verifyLink, type LinkKey } from '@fidu/service-kit';
import { ApprovedCompanyEntity } from '../db/approved-company.entity';
import { inCompanyScope } from '../db/approved-company.repository';
import { companyNotFound } from '../domain/approved-company.errors';
import type { PrestationExportFilter, PrestationExportLink } from '../domain/prestation-export';
import type { CompanySideScope } from '../domain/titres-scope';
import { prestationExportChunks } from '../read-models/prestation-export.read-model';

/** Path of the streamed CSV on this service; the gateway serves it at <publicUrl>/exports/prestations.csv. */
export const EXPORT_PATH = '/exports/prestations.csv';
/** A download link is valid this long. */
const LINK_TTL_MS = 5 * 60_000;

/**
 * What a download link allows: the export's filter and when the link expires (ms since epoch).
 * Links signed before the performed-date bounds existed lack them: no bound.
 */
export interface ExportGrant extends PrestationExportFilter {
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

const keyOf = (secret: string): LinkKey => ({ secret, purpose: 'prestation-export' });

/** Verifies a link token (the kit's signed link, jose); null when forged or expired. */
export async function verifyExportToken(
  token: string,
  secret: string,
  now = Date.now(),
): Promise<ExportGrant | null> {
  const grant = await verifyLink<ExportGrant>(token, keyOf(secret), now);
  return grant && grant.exp > now ? grant : null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Prepares an export of a company's prestations (encoded between `from` and `to`, both optional,
 * Brussels dates) for the office or the company itself: returns a short-lived signed link to the
 * streamed CSV, a full URL under `publicUrl` (the gateway's /files/titres-services). The scope is
 * checked here, once; the link carries only what it grants.
 */
export async function createPrestationExport(
  ds: DataSource,
  scope: CompanySideScope,
  input: PrestationExportInput,
  links: { publicUrl: string; secret: string },
  now = Date.now(),
): Promise<PrestationExportLink> {
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
  const token = await signLink(grant, keyOf(links.secret), grant.exp);
  return {
    downloadUrl: `${links.publicUrl}${EXPORT_PATH}?token=${token}`,
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

/** Rows `content` returns through GraphQL (the gateway buffers responses); larger exports are downloaded. */
export const INLINE_EXPORT_MAX_ROWS = 10_000;

/** The whole CSV as text, for small exports read through the gateway. */
export async function prestationExportText(ds: DataSource, grant: PrestationExportFilter): Promise<string> {
  let text = '';
  for await (const chunk of prestationExportChunks(ds, grant, INLINE_EXPORT_MAX_ROWS)) text += chunk;
  return text;
}
