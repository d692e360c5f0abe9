/** Job name (job_run.job): one run per Brussels business date, whatever the replica count. */
export const DAILY_EXPORT_JOB = 'connectors.daily-export';

/**
 * The daily time is fixed, not configurable ("Non, la fréquence n'est pas modifiable", as offices are told):
 * 06:00 Brussels, after the banks' overnight statements and before the offices open.
 */
export const DAILY_EXPORT_TIME = '06:00';
