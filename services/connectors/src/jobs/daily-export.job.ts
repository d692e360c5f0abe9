import { dailyAt, type ScheduledJob } from '@fidu/service-kit';
import { DAILY_EXPORT_JOB, DAILY_EXPORT_TIME } from '../domain/daily-export';
import { runDailyExport } from '../use-cases/run-daily-export';

/** The daily export as a kit job: every replica schedules it, the kit lets one run it per date. */
export const dailyExportJob: ScheduledJob = {
  name: DAILY_EXPORT_JOB,
  description:
    'Routes every entry not yet exported and booked on or before the business date into its connector export or global file',
  ...dailyAt(DAILY_EXPORT_TIME),
  run: runDailyExport,
};
