import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import { ExportBatchEntity } from '../db/export-batch.entity';
import { exportNotFound } from '../domain/connector.errors';
import { nextExportBatchStatus } from '../domain/export-batch-state-machine';

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
    if (!batch) throw exportNotFound();
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
