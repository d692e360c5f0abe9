import { weeklyOnMondayAt, type ScheduledJob } from '@fidu/service-kit';
import { remindDelayedSodaRequests, SODA_REMINDER_JOB } from '../use-cases/remind-delayed-soda-requests';

export { SODA_REMINDER_JOB };

export const sodaDelayedRemindersJob: ScheduledJob = {
  name: SODA_REMINDER_JOB,
  description:
    'Reminds the social secretariats of SODA requests delayed (or last reminded) 6 days or more ago',
  ...weeklyOnMondayAt('07:00'),
  run: remindDelayedSodaRequests,
};
