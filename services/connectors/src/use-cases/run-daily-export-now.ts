import { DomainError, wallClockOf, type Logger, type Scheduler } from '@fidu/service-kit';
import { DAILY_EXPORT_JOB } from '../domain/daily-export';

const STATUS = { ran: 'RAN', 'already-ran': 'ALREADY_RAN', busy: 'BUSY' } as const;

export interface DailyExportRunNow {
  status: (typeof STATUS)[keyof typeof STATUS];
  businessDate: string;
  summary: string | null;
}

/**
 * An operator runs today's daily export now instead of at its time, saying why (kept in the log).
 * The kit's scheduler runs it once per business date like the timer would: a second request the
 * same day answers ALREADY_RAN, one while it runs BUSY.
 */
export async function runDailyExportNow(
  scheduler: Scheduler,
  log: Logger,
  operatorId: string,
  reason: string,
): Promise<DailyExportRunNow> {
  const why = reason.trim();
  if (why.length === 0 || why.length > 200)
    throw new DomainError('CONNECTOR_REASON_REQUIRED', 'Say why (1 to 200 characters).', 'reason');
  const now = new Date();
  log.info({ operator: operatorId, reason: why }, 'daily export run early by an operator');
  const outcome = await scheduler.trigger(DAILY_EXPORT_JOB, now);
  return {
    status: STATUS[outcome.status],
    businessDate: wallClockOf(now).date,
    summary: outcome.status === 'ran' ? outcome.summary : null,
  };
}
