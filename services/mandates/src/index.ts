export { createApp } from './app';
export { readConfig, DEFAULT_PORT, DEV_ESIGNATURE_SECRET, type MandatesConfig } from './config';
export { signLocally } from './adapters/esignature-provider';
export { SODA_REMINDER_JOB } from './jobs/soda-delayed-reminders.job';
export { CARO_INVITATIONS_JOB } from './jobs/caro-invitations.job';
export { onClientEvent } from './events/on-client-event';
export { pdfTextLines } from './documents/pdf-text';
