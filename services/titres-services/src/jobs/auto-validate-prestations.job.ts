import { dailyAt, type ScheduledJob } from '@fidu/service-kit';
import { autoValidatePrestations } from '../use-cases/auto-validate-prestations';

/** Name of the job (tests trigger it with `service.scheduler.trigger(name, now)`). */
export const AUTO_VALIDATION_JOB = 'titres-services.auto-validate-prestations';

/** Just after midnight (Brussels): prestations whose period ended yesterday are validated first thing. */
export const autoValidatePrestationsJob: ScheduledJob = {
  name: AUTO_VALIDATION_JOB,
  description: 'Validates the prestations whose period ended before the run date and nobody acted on',
  ...dailyAt('00:15'),
  run: autoValidatePrestations,
};
