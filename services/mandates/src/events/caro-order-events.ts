import {
  CaroInvitationSentSchema,
  CaroOrderCreatedSchema,
  CaroOrderState as CaroOrderStatePb,
  CaroOrderStateChangedSchema,
  encodeEvent,
} from '@fidu/proto-events';
import type { CaroState } from '../domain/caro-order';
import { envelopeOf, timestampFromDate, type ChangeMeta, type OutboxEvent } from './event-envelope';

const caro = (s: CaroState | null) => (s ? CaroOrderStatePb[s] : CaroOrderStatePb.UNSPECIFIED);

interface CaroRef {
  id: string;
  officeId: string;
  clientId: string;
  bankId: string;
}

export function caroCreatedEvent(
  o: CaroRef & { clientReference: string; replacesId: string | null },
  meta: ChangeMeta,
): OutboxEvent {
  return encodeEvent(
    CaroOrderCreatedSchema,
    {
      caroOrderId: o.id,
      officeId: o.officeId,
      clientId: o.clientId,
      bankId: o.bankId,
      clientReference: o.clientReference,
      state: caro('INVITATION_SENT'),
      replacesCaroOrderId: o.replacesId ?? '',
      actor: meta.actor,
    },
    envelopeOf(o.id, o.officeId, meta.correlationId),
  );
}

export function caroStateChangedEvent(
  o: CaroRef,
  from: CaroState,
  to: CaroState,
  meta: ChangeMeta,
): OutboxEvent {
  return encodeEvent(
    CaroOrderStateChangedSchema,
    {
      caroOrderId: o.id,
      officeId: o.officeId,
      clientId: o.clientId,
      bankId: o.bankId,
      oldState: caro(from),
      newState: caro(to),
      reason: meta.reason,
      actor: meta.actor,
    },
    envelopeOf(o.id, o.officeId, meta.correlationId),
  );
}

export function caroInvitationSentEvent(
  o: CaroRef & {
    cardholderEmail: string;
    cardholderMobile: string;
    invitationToken: string;
    invitationExpiresAt: Date;
  },
  reminderNumber: number,
  correlationId: string,
): OutboxEvent {
  return encodeEvent(
    CaroInvitationSentSchema,
    {
      caroOrderId: o.id,
      officeId: o.officeId,
      clientId: o.clientId,
      cardholderEmail: o.cardholderEmail,
      cardholderMobile: o.cardholderMobile,
      invitationToken: o.invitationToken,
      expiresAt: timestampFromDate(o.invitationExpiresAt),
      reminderNumber,
    },
    envelopeOf(o.id, o.officeId, correlationId),
  );
}
