import {
  encodeEvent,
  SodaActivationRequestedSchema,
  SodaMandateOrderedSchema,
  SodaMandateState as SodaMandateStatePb,
  SodaMandateStateChangedSchema,
} from '@fidu/proto-events';
import type { SodaState } from '../domain/soda-mandate';
import { envelopeOf, type ChangeMeta, type OutboxEvent } from './event-envelope';

const soda = (s: SodaState | null) => (s ? SodaMandateStatePb[s] : SodaMandateStatePb.UNSPECIFIED);

interface SodaRef {
  id: string;
  officeId: string;
  clientId: string;
  socialSecretariatId: string;
}

export function sodaOrderedEvent(
  m: SodaRef & { orderId: string; softwareId: string },
  state: SodaState,
  meta: ChangeMeta,
): OutboxEvent {
  return encodeEvent(
    SodaMandateOrderedSchema,
    {
      sodaMandateId: m.id,
      officeId: m.officeId,
      clientId: m.clientId,
      socialSecretariatId: m.socialSecretariatId,
      softwareId: m.softwareId,
      orderId: m.orderId,
      state: soda(state),
      actor: meta.actor,
    },
    envelopeOf(m.id, m.officeId, meta.correlationId),
  );
}

export function sodaStateChangedEvent(
  m: SodaRef,
  from: SodaState,
  to: SodaState,
  meta: ChangeMeta,
): OutboxEvent {
  return encodeEvent(
    SodaMandateStateChangedSchema,
    {
      sodaMandateId: m.id,
      officeId: m.officeId,
      clientId: m.clientId,
      socialSecretariatId: m.socialSecretariatId,
      oldState: soda(from),
      newState: soda(to),
      reason: meta.reason,
      actor: meta.actor,
    },
    envelopeOf(m.id, m.officeId, meta.correlationId),
  );
}

export function sodaActivationRequestedEvent(
  m: SodaRef,
  client: { companyName: string; enterpriseNumber: string | null },
  reminderNumber: number,
  correlationId: string,
): OutboxEvent {
  return encodeEvent(
    SodaActivationRequestedSchema,
    {
      sodaMandateId: m.id,
      officeId: m.officeId,
      clientId: m.clientId,
      socialSecretariatId: m.socialSecretariatId,
      clientCompanyName: client.companyName,
      clientEnterpriseNumber: client.enterpriseNumber ?? '',
      reminderNumber,
    },
    envelopeOf(m.id, m.officeId, correlationId),
  );
}
