import { DomainError, stateMachine, type TransitionTable } from '@fidu/service-kit/domain';

/** Where a connector export batch is: produced by the daily run, then imported or refused by the software. */
export const EXPORT_BATCH_STATUSES = ['PRODUCED', 'DELIVERED', 'FAILED'] as const;
export type ExportBatchStatus = (typeof EXPORT_BATCH_STATUSES)[number];

/** Who moves a batch: the software reports its import; the office asks for a failed one again. */
export type ExportBatchAction = 'CONFIRM_IMPORT' | 'REJECT_IMPORT' | 'REDELIVER';

/** The one table of allowed export-batch transitions; anything not listed is illegal. */
export const EXPORT_BATCH_TRANSITIONS: TransitionTable<ExportBatchStatus, ExportBatchAction> = {
  PRODUCED: { CONFIRM_IMPORT: 'DELIVERED', REJECT_IMPORT: 'FAILED' },
  FAILED: { REDELIVER: 'PRODUCED' },
  DELIVERED: {},
};

const EXPORT_BATCH_MACHINE = stateMachine(
  EXPORT_BATCH_TRANSITIONS,
  (status, action) =>
    new DomainError(
      'CONNECTOR_EXPORT_ILLEGAL_TRANSITION',
      `Cannot ${action.toLowerCase().replace('_', ' ')} an export that is ${status.toLowerCase()}.`,
      'exportId',
      { status, action },
    ),
);

/** The status `action` leads to; an illegal move is a typed error, never a no-op. */
export function nextExportBatchStatus(
  status: ExportBatchStatus,
  action: ExportBatchAction,
): ExportBatchStatus {
  return EXPORT_BATCH_MACHINE.next(status, action);
}
