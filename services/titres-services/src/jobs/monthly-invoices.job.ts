import { instantAt, wallClockOf, type ScheduledJob } from '@fidu/service-kit';
import { firstDayAfter, previousMonth } from '../domain/billing-rules';
import { generateMonthlyInvoices } from '../use-cases/generate-monthly-invoices';

/** Name of the job (tests trigger it with `service.scheduler.trigger(name, now)`). */
export const MONTHLY_INVOICES_JOB = 'titres-services.monthly-invoices';

/** The 1st of each month at 03:00 Brussels; a run bills the month before (its period, `YYYY-MM`). */
export const monthlyInvoicesJob: ScheduledJob = {
  name: MONTHLY_INVOICES_JOB,
  description: "Issues the month before's invoices (one per office or company) with their lines",
  schedule: {
    description: 'On the 1st of every month at 03:00 (Europe/Brussels), for the month before',
    cron: '0 3 1 * *',
    time: '03:00',
  },
  periodOf: (now: Date) => previousMonth(wallClockOf(now).date),
  nextRunAfter: (now: Date) => {
    const today = wallClockOf(now).date;
    const thisMonth = instantAt(`${today.slice(0, 7)}-01`, '03:00');
    return thisMonth > now ? thisMonth : instantAt(firstDayAfter(today.slice(0, 7)), '03:00');
  },
  run: generateMonthlyInvoices,
};
