import {
  EXPORT_BATCH_STATUSES,
  EXPORT_BATCH_TRANSITIONS,
  nextExportBatchStatus,
} from './export-batch-state-machine';

describe('nextExportBatchStatus', () => {
  it('follows the software report and a redelivery', () => {
    expect(nextExportBatchStatus('PRODUCED', 'CONFIRM_IMPORT')).toBe('DELIVERED');
    expect(nextExportBatchStatus('PRODUCED', 'REJECT_IMPORT')).toBe('FAILED');
    expect(nextExportBatchStatus('FAILED', 'REDELIVER')).toBe('PRODUCED');
  });

  it.each([
    ['DELIVERED', 'REJECT_IMPORT'],
    ['DELIVERED', 'REDELIVER'],
    ['PRODUCED', 'REDELIVER'],
    ['FAILED', 'CONFIRM_IMPORT'],
  ] as const)('refuses %s → %s', (status, action) => {
    expect(() => nextExportBatchStatus(status, action)).toThrow(
      expect.objectContaining({ code: 'CONNECTOR_EXPORT_ILLEGAL_TRANSITION', details: { status, action } }),
    );
  });

  it('has a row per status; DELIVERED is final', () => {
    expect(Object.keys(EXPORT_BATCH_TRANSITIONS).sort()).toEqual([...EXPORT_BATCH_STATUSES].sort());
    expect(EXPORT_BATCH_TRANSITIONS.DELIVERED).toEqual({});
  });
});
