/**
 * `@fidu/mandates/testing`: what tests outside this package drive the service with — the local
 * e-signature provider's callback signature, the job names to trigger, the client-event handler
 * to redeliver an event by hand, and a reader of the text a generated PDF prints. Production code
 * imports none of it.
 */
export { DEV_ESIGNATURE_SECRET } from './config';
export { signLocally } from './adapters/esignature-provider';
export { SODA_REMINDER_JOB } from './jobs/soda-delayed-reminders.job';
export { CARO_INVITATIONS_JOB } from './jobs/caro-invitations.job';
export { onClientEvent } from './events/on-client-event';
export { pdfTextLines } from './documents/pdf-text';
