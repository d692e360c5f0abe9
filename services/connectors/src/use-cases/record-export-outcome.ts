import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { ExportBatchEntity } from '../db/export-batch.entity';
import { exportNotFound } from '../domain/connector.errors';
import { nextExportBatchStatus } from '../domain/export-batch-state-machine';

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
    if (!batch) throw exportNotFound();
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
