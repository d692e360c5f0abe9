import { dailyAt, type ScheduledJob } from '@fidu/service-kit';
import { CARO_INVITATIONS_JOB, processCaroInvitations } from '../use-cases/process-caro-invitations';

export { CARO_INVITATIONS_JOB };

export const caroInvitationsJob: ScheduledJob = {
  name: CARO_INVITATIONS_JOB,
  description: 'Expires CARO invitations after 14 days and sends their reminders (up to 3, every 3 days)',
  ...dailyAt('06:00'),
  run: processCaroInvitations,
};
