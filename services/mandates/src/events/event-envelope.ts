import type { OutboxEvent } from '@fidu/service-kit';
import { nextEventId } from './event-id';

/** The source every event of this service names in its envelope. */
export const SOURCE = 'mandates';

export { timestampFromDate } from '@fidu/service-kit';

/** Who and why: carried by every state-change event. */
export interface ChangeMeta {
  reason: string;
  actor: string;
  correlationId: string;
}

/** The envelope of an event about one aggregate of an office: time-ordered id, tenant, subject. */
export function envelopeOf(aggregateId: string, officeId: string, correlationId: string) {
  return { id: nextEventId(), source: SOURCE, tenant: officeId, subject: aggregateId, correlationId };
}

export type { OutboxEvent };
