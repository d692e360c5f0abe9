import { monthlyOnFirstAt, wallClockOf, type ScheduledJob } from '@fidu/service-kit';
import { previousMonth } from '../domain/billing-rules';
import { generateMonthlyInvoices } from '../use-cases/generate-monthly-invoices';

/** Name of the job (tests trigger it with `service.scheduler.trigger(name, now)`). */
export const MONTHLY_INVOICES_JOB = 'titres-services.monthly-invoices';

/** The 1st of each month at 03:00 Brussels; a run bills the month before (its period, `YYYY-MM`). */
export const monthlyInvoicesJob: ScheduledJob = {
  name: MONTHLY_INVOICES_JOB,
  description: "Issues the month before's invoices (one per office or company) with their lines",
  ...monthlyOnFirstAt('03:00', {
    periodOf: (now) => previousMonth(wallClockOf(now).date),
    note: 'for the month before',
  }),
  run: generateMonthlyInvoices,
};
