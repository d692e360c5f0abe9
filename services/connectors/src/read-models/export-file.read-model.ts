import { Readable, type Transform } from 'node:stream';
import type { DataSource } from 'typeorm';
import { DomainError, requireUuid, wallClockOf } from '@fidu/service-kit';
import { countFileEntries, readFileEntries } from '../db/file-entries';
import { ExportBatchEntity } from '../db/export-batch.entity';
import { GlobalFileEntity } from '../db/global-file.entity';
import type { ExportFormat } from '../domain/connector';
import { clientNotFound } from '../domain/connector.errors';
import {
  DOWNLOAD_TTL_MS,
  signDownload,
  type DownloadGrant,
  type FileSelector,
} from '../domain/download-token';
import { exportFileName, fecOwnerOf, formatterFor } from '../domain/export-file-format';
import { ConnectorEntity } from '../db/connector.entity';
import { ENCODING_NAME, STANDARD_CSV_CONVENTIONS, type CsvConventions } from '../domain/csv-conventions';
import { conventionsOf } from '../domain/connector-csv-conventions';
import iconv from 'iconv-lite';

/** Above this, `content` refuses and the caller follows `downloadUrl` (the gateway is no file server). */
export const MAX_INLINE_ENTRIES = 2000;

/** Everything needed to describe, inline or stream one file. */
export interface FileDescriptor {
  file: FileSelector;
  officeId: string;
  format: ExportFormat;
  fileName: string;
  /** Date written as ValidDate in FEC files: the business date of the run, or today for on-demand files. */
  validDate: string;
  multiDossier: boolean;
  /** CSV layout and file encoding: the connector's for its batches, the standard one otherwise. */
  conventions: CsvConventions;
}

/** The client's registration number as the client directory knows it (null when unknown). */
async function enterpriseNumberOf(
  ds: DataSource,
  officeId: string,
  clientId: string,
): Promise<string | null> {
  const [row] = (await ds.query(
    `SELECT enterprise_number FROM client_directory WHERE office_id = $1 AND client_id = $2`,
    [officeId, clientId],
  )) as { enterprise_number: string | null }[];
  return row?.enterprise_number ?? null;
}

/** The connector's current conventions: a batch is read in the layout its software imports today. */
async function conventionsOfConnector(
  ds: DataSource,
  officeId: string,
  connectorId: string,
): Promise<CsvConventions> {
  const c = await ds.getRepository(ConnectorEntity).findOneBy({ id: connectorId, officeId });
  return c ? conventionsOf(c) : STANDARD_CSV_CONVENTIONS;
}

export async function exportFile(
  ds: DataSource,
  batch: ExportBatchEntity,
  format?: ExportFormat | null,
): Promise<FileDescriptor> {
  const f = format ?? batch.format;
  const owner =
    f === 'FEC'
      ? fecOwnerOf(
          await enterpriseNumberOf(ds, batch.officeId, batch.clientId),
          batch.clientCode || batch.clientId,
        )
      : batch.clientCode || batch.clientId;
  return {
    file: { kind: 'export', exportId: batch.id },
    officeId: batch.officeId,
    format: f,
    fileName: exportFileName(f, owner, batch.businessDate),
    validDate: batch.businessDate,
    multiDossier: false,
    conventions: await conventionsOfConnector(ds, batch.officeId, batch.connectorId),
  };
}

export function globalFileOf(g: GlobalFileEntity, format?: ExportFormat | null): FileDescriptor {
  const f = format ?? 'CSV';
  return {
    file: { kind: 'global', globalFileId: g.id },
    officeId: g.officeId,
    format: f,
    fileName: exportFileName(f, 'GLOBAL', g.businessDate),
    validDate: g.businessDate,
    multiDossier: true,
    conventions: STANDARD_CSV_CONVENTIONS,
  };
}

function parseDate(value: string, field: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new DomainError('CONNECTOR_DATE_INVALID', `${field} must be a date YYYY-MM-DD.`, field);
  }
  return value;
}

export interface DossierFileInput {
  clientId: string;
  from: string;
  to: string;
  format?: ExportFormat | null;
}

/**
 * A specific file: one dossier, one period, whatever was delivered where (offices "conservent
 * la main sur le(s) téléchargement(s) spécifique(s)"). Periods are at most a year.
 */
export async function dossierFile(
  ds: DataSource,
  officeId: string,
  input: DossierFileInput,
  now = new Date(),
): Promise<FileDescriptor> {
  const clientId = requireUuid(input.clientId, 'clientId');
  const from = parseDate(input.from, 'from');
  const to = parseDate(input.to, 'to');
  if (from > to || Date.parse(to) - Date.parse(from) > 366 * 86_400_000) {
    throw new DomainError(
      'CONNECTOR_PERIOD_INVALID',
      'The period must run forwards and last at most a year.',
      'to',
    );
  }
  const [client] = (await ds.query(
    `SELECT client_code, enterprise_number FROM client_directory WHERE office_id = $1 AND client_id = $2`,
    [officeId, clientId],
  )) as { client_code: string; enterprise_number: string | null }[];
  if (!client) throw clientNotFound();
  const format = input.format ?? 'CSV';
  return {
    file: { kind: 'dossier', clientId, from, to },
    officeId,
    format,
    // FEC: the closing date of a specific file is the last day it covers.
    fileName:
      format === 'FEC'
        ? exportFileName(format, fecOwnerOf(client.enterprise_number, client.client_code), to)
        : exportFileName(format, `${client.client_code}_${from.replace(/-/g, '')}`, to),
    validDate: wallClockOf(now).date,
    multiDossier: false,
    conventions: STANDARD_CSV_CONVENTIONS,
  };
}

export function countEntries(ds: DataSource, d: FileDescriptor): Promise<number> {
  return countFileEntries(ds, d.file, d.officeId);
}

function formatterOf(d: FileDescriptor) {
  return formatterFor(d.format, {
    validDate: d.validDate,
    multiDossier: d.multiDossier,
    conventions: d.conventions,
  });
}

/** The file as text: header, then one keyset page of entries at a time. */
function streamText(ds: DataSource, d: FileDescriptor): Readable {
  const formatter = formatterOf(d);
  async function* chunks(): AsyncGenerator<string> {
    yield formatter.header();
    let n = 0;
    for await (const page of readFileEntries(ds, d.file, d.officeId)) {
      yield page.map((e) => formatter.entry(e, ++n)).join('');
    }
  }
  return Readable.from(chunks());
}

/** The file as bytes in the connector's encoding (iconv-lite transcodes chunk by chunk, streaming). */
export function streamFile(ds: DataSource, d: FileDescriptor): Readable {
  if (d.conventions.encoding === 'UTF_8') return streamText(ds, d);
  // iconv-lite's encoder is a Transform typed as a bare ReadWriteStream.
  return streamText(ds, d).pipe(iconv.encodeStream(ENCODING_NAME[d.conventions.encoding]) as Transform);
}

export function contentTypeOf(d: FileDescriptor): string {
  return formatterOf(d).contentType.replace(
    /charset=.*$/,
    `charset=${ENCODING_NAME[d.conventions.encoding]}`,
  );
}

/** The whole file as text, for small files only. */
export async function inlineContent(ds: DataSource, d: FileDescriptor): Promise<string> {
  const count = await countEntries(ds, d);
  if (count > MAX_INLINE_ENTRIES) {
    throw new DomainError(
      'CONNECTOR_FILE_TOO_LARGE',
      `This file holds ${count} entries; files above ${MAX_INLINE_ENTRIES} are downloaded through downloadUrl.`,
      'content',
      { entryCount: count },
    );
  }
  // GraphQL carries text, not bytes: the encoding applies to downloads only.
  let text = '';
  for await (const chunk of streamText(ds, d)) text += String(chunk);
  return text;
}

/** A signed, short-lived link to the subgraph's download route. */
export async function downloadLink(
  d: FileDescriptor,
  baseUrl: string,
  secret: string,
  now = Date.now(),
): Promise<{ url: string; expiresAt: Date }> {
  const grant: DownloadGrant = {
    file: d.file,
    officeId: d.officeId,
    format: d.format,
    exp: now + DOWNLOAD_TTL_MS,
  };
  const token = await signDownload(grant, secret);
  return {
    url: `${baseUrl}/downloads/${token}/${encodeURIComponent(d.fileName)}`,
    expiresAt: new Date(grant.exp),
  };
}

/** Rebuilds a descriptor from a verified grant (the route knows nothing else). */
export async function descriptorOfGrant(
  ds: DataSource,
  grant: DownloadGrant,
): Promise<FileDescriptor | null> {
  if (grant.file.kind === 'export') {
    const batch = await ds
      .getRepository(ExportBatchEntity)
      .findOneBy({ id: grant.file.exportId, officeId: grant.officeId });
    return batch ? exportFile(ds, batch, grant.format) : null;
  }
  if (grant.file.kind === 'global') {
    const g = await ds
      .getRepository(GlobalFileEntity)
      .findOneBy({ id: grant.file.globalFileId, officeId: grant.officeId });
    return g ? globalFileOf(g, grant.format) : null;
  }
  return dossierFile(ds, grant.officeId, { ...grant.file, format: grant.format }).catch(() => null);
}
