import type { DataSource } from 'typeorm';
import {
  DomainError,
  decodeCursor,
  encodeCursor,
  pageSize,
  requireUuid,
  type Principal,
} from '@fidu/service-kit';
import { ExportBatchEntity } from '../db/export-batch.entity';
import { GlobalFileEntity } from '../db/global-file.entity';
import { nextExportBatchStatus, type ExportBatchStatus } from '../domain/export-batch-state-machine';

/** Who may see export batches: the office they belong to, or the software vendor they are addressed to. */
export type BatchReader = { officeId: string } | { softwareId: string };

export function batchReaderOf(principal: Principal): BatchReader {
  if (principal.kind === 'office') return { officeId: principal.officeId };
  if (principal.kind === 'partner' && principal.partnerType === 'SOFTWARE_VENDOR')
    return { softwareId: principal.partnerId };
  if (principal.kind === 'anonymous')
    throw new DomainError('UNAUTHENTICATED', 'Authentication required: send a bearer token.');
  throw new DomainError(
    'FORBIDDEN',
    'Only an accounting office or the software a file is for can see exports.',
  );
}

export interface ExportBatchFilter {
  clientId?: string | null;
  connectorId?: string | null;
  status?: ExportBatchStatus | null;
  businessDate?: string | null;
}

export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Newest first, keyset-paged on (produced_at, id). */
export async function listExportBatches(
  ds: DataSource,
  reader: BatchReader,
  filter: ExportBatchFilter = {},
  first?: number | null,
  after?: string | null,
): Promise<Page<ExportBatchEntity>> {
  const size = pageSize(first, 500, 50);
  const qb = ds.getRepository(ExportBatchEntity).createQueryBuilder('b');
  if ('officeId' in reader) qb.where('b.office_id = :office', { office: reader.officeId });
  else qb.where('b.software_id = :software', { software: reader.softwareId });
  if (filter.clientId)
    qb.andWhere('b.client_id = :client', { client: requireUuid(filter.clientId, 'filter.clientId') });
  if (filter.connectorId)
    qb.andWhere('b.connector_id = :connector', {
      connector: requireUuid(filter.connectorId, 'filter.connectorId'),
    });
  if (filter.status) qb.andWhere('b.status = :status', { status: filter.status });
  if (filter.businessDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(filter.businessDate))
      throw new DomainError(
        'CONNECTOR_DATE_INVALID',
        'businessDate must be YYYY-MM-DD.',
        'filter.businessDate',
      );
    qb.andWhere('b.business_date = :date', { date: filter.businessDate });
  }
  if (after) {
    const [at, id] = decodeCursor(after) as [string, string];
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at)))
      throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API issued.', 'after');
    qb.andWhere('(b.produced_at, b.id) < (:at, :id)', { at: new Date(at), id: requireUuid(id, 'after') });
  }
  const rows = await qb
    .orderBy('b.produced_at', 'DESC')
    .addOrderBy('b.id', 'DESC')
    .limit(size + 1)
    .getMany();
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    hasNextPage: rows.length > size,
    endCursor: last ? encodeCursor([last.producedAt.toISOString(), last.id]) : null,
  };
}

/** The office's global files, newest first (one per daily run that had entries of non-associated dossiers). */
export function listGlobalFiles(
  ds: DataSource,
  officeId: string,
  first?: number | null,
): Promise<GlobalFileEntity[]> {
  return ds
    .getRepository(GlobalFileEntity)
    .find({ where: { officeId }, order: { businessDate: 'DESC' }, take: pageSize(first, 366, 30) });
}

function batchNotFound(): DomainError {
  return new DomainError('CONNECTOR_EXPORT_NOT_FOUND', 'No such export for you.', 'exportId');
}

export interface RecordExportOutcomeInput {
  exportId: string;
  outcome: 'IMPORTED' | 'REJECTED';
  reason?: string | null;
}

/** The software tells how its import of a batch went: DELIVERED, or FAILED with its reason. */
export async function recordExportOutcome(
  ds: DataSource,
  softwareId: string,
  input: RecordExportOutcomeInput,
): Promise<ExportBatchEntity> {
  const id = requireUuid(input.exportId, 'exportId');
  const reason = input.reason?.trim() || null;
  // Bounded whatever the outcome: a reason is stored and shown with the batch.
  if ((input.outcome === 'REJECTED' && !reason) || (reason && reason.length > 500)) {
    throw new DomainError(
      'CONNECTOR_EXPORT_REASON_REQUIRED',
      'Say why the import failed (1 to 500 characters).',
      'reason',
    );
  }
  return ds.transaction(async (em) => {
    const batch = await em.findOne(ExportBatchEntity, {
      where: { id, softwareId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!batch) throw batchNotFound();
    batch.status = nextExportBatchStatus(
      batch.status,
      input.outcome === 'IMPORTED' ? 'CONFIRM_IMPORT' : 'REJECT_IMPORT',
    );
    batch.statusChangedAt = new Date();
    batch.failureReason = input.outcome === 'REJECTED' ? reason : null;
    await em.update(
      ExportBatchEntity,
      { id },
      { status: batch.status, statusChangedAt: batch.statusChangedAt, failureReason: batch.failureReason },
    );
    return batch;
  });
}

/** The office offers a failed batch to its software again (same entries, same file). */
export async function redeliverExport(
  ds: DataSource,
  officeId: string,
  exportId: string,
): Promise<ExportBatchEntity> {
  const id = requireUuid(exportId, 'exportId');
  return ds.transaction(async (em) => {
    const batch = await em.findOne(ExportBatchEntity, {
      where: { id, officeId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!batch) throw batchNotFound();
    batch.status = nextExportBatchStatus(batch.status, 'REDELIVER');
    batch.statusChangedAt = new Date();
    await em.update(
      ExportBatchEntity,
      { id },
      { status: batch.status, statusChangedAt: batch.statusChangedAt },
    );
    return batch;
  });
}

export async function findExportBatch(
  ds: DataSource,
  reader: BatchReader,
  exportId: string,
): Promise<ExportBatchEntity | null> {
  const id = requireUuid(exportId, 'id');
  return ds
    .getRepository(ExportBatchEntity)
    .findOneBy(
      'officeId' in reader ? { id, officeId: reader.officeId } : { id, softwareId: reader.softwareId },
    );
}
