import type { DataSource } from 'typeorm';
import {
  DomainError,
  keyCursor,
  keysetNamed,
  pageSize,
  requireUuid,
  toConnection,
  type Connection,
  type KeysetOrder,
} from '@fidu/service-kit';
import { ExportBatchEntity } from '../db/export-batch.entity';
import { isCalendarDate } from '../domain/calendar-date';
import type { ExportBatchStatus } from '../domain/export-batch-state-machine';
import type { ExportReader } from '../domain/export-reader';

export interface ExportBatchFilter {
  clientId?: string | null;
  connectorId?: string | null;
  status?: ExportBatchStatus | null;
  businessDate?: string | null;
}

/** A page of export batches; the count runs only if asked for. */
export type ExportBatchConnectionRow = Connection<ExportBatchEntity, () => Promise<number>>;

/** Newest first, the id breaking ties. */
const NEWEST_FIRST: KeysetOrder<ExportBatchEntity> = {
  columns: ['b.produced_at', 'b.id'],
  kinds: ['timestamp', 'uuid'],
  direction: 'DESC',
  positionOf: (b) => [b.producedAt, b.id],
};

function filtered(ds: DataSource, reader: ExportReader, filter: ExportBatchFilter) {
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
    if (!isCalendarDate(filter.businessDate))
      throw new DomainError(
        'CONNECTOR_DATE_INVALID',
        'businessDate must be YYYY-MM-DD.',
        'filter.businessDate',
      );
    qb.andWhere('b.business_date = :date', { date: filter.businessDate });
  }
  return qb;
}

/** The batches the reader may see, newest first, keyset-paged on (produced_at, id). */
export async function listExportBatches(
  ds: DataSource,
  reader: ExportReader,
  args: { filter?: ExportBatchFilter | null; first?: number | null; after?: string | null },
): Promise<ExportBatchConnectionRow> {
  const size = pageSize(args.first, 500, 50);
  const filter = args.filter ?? {};
  const qb = filtered(ds, reader, filter);
  const keyset = keysetNamed(NEWEST_FIRST, args.after);
  if (keyset.where) qb.andWhere(keyset.where, keyset.params);
  const rows = await qb
    .orderBy('b.produced_at', 'DESC')
    .addOrderBy('b.id', 'DESC')
    .limit(size + 1)
    .getMany();
  return toConnection(rows, {
    first: size,
    cursorOf: keyCursor(NEWEST_FIRST.positionOf),
    totalCount: () => filtered(ds, reader, filter).getCount(),
  });
}

/** One batch the reader may see, or null (unknown, or another office's or software's). */
export async function findExportBatch(
  ds: DataSource,
  reader: ExportReader,
  exportId: string,
): Promise<ExportBatchEntity | null> {
  const id = requireUuid(exportId, 'id');
  return ds
    .getRepository(ExportBatchEntity)
    .findOneBy(
      'officeId' in reader ? { id, officeId: reader.officeId } : { id, softwareId: reader.softwareId },
    );
}
