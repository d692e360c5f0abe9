import {
  CodaMandateDocumentRegeneratedSchema,
  CodaMandateOrderedSchema,
  CodaMandateState as CodaMandateStatePb,
  CodaMandateStateChangedSchema,
  encodeEvent,
} from '@fidu/proto-events';
import type { CodaState } from '../domain/coda-mandate';
import { envelopeOf, type ChangeMeta, type OutboxEvent } from './event-envelope';

const coda = (s: CodaState | null) => (s ? CodaMandateStatePb[s] : CodaMandateStatePb.UNSPECIFIED);

interface CodaRef {
  id: string;
  officeId: string;
  clientId: string;
  bankId: string;
}

export function codaOrderedEvent(
  m: CodaRef,
  ibans: string[],
  state: CodaState,
  meta: ChangeMeta,
): OutboxEvent {
  return encodeEvent(
    CodaMandateOrderedSchema,
    {
      codaMandateId: m.id,
      officeId: m.officeId,
      clientId: m.clientId,
      bankId: m.bankId,
      ibans,
      state: coda(state),
      actor: meta.actor,
    },
    envelopeOf(m.id, m.officeId, meta.correlationId),
  );
}

export function codaStateChangedEvent(
  m: CodaRef,
  from: CodaState,
  to: CodaState,
  meta: ChangeMeta,
): OutboxEvent {
  return encodeEvent(
    CodaMandateStateChangedSchema,
    {
      codaMandateId: m.id,
      officeId: m.officeId,
      clientId: m.clientId,
      bankId: m.bankId,
      oldState: coda(from),
      newState: coda(to),
      reason: meta.reason,
      actor: meta.actor,
    },
    envelopeOf(m.id, m.officeId, meta.correlationId),
  );
}

export function codaDocumentRegeneratedEvent(
  m: CodaRef & { state: CodaState },
  documentVersion: number,
  changedFields: string[],
  clientVersion: number,
  correlationId: string,
): OutboxEvent {
  return encodeEvent(
    CodaMandateDocumentRegeneratedSchema,
    {
      codaMandateId: m.id,
      officeId: m.officeId,
      clientId: m.clientId,
      bankId: m.bankId,
      state: coda(m.state),
      documentVersion,
      changedFields,
      clientVersion,
    },
    envelopeOf(m.id, m.officeId, correlationId),
  );
}
