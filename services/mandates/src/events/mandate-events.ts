import {
  BankAccountActivatedSchema,
  BankAccountState as BankAccountStatePb,
  BankAccountStateChangedSchema,
  CaroInvitationSentSchema,
  CaroOrderCreatedSchema,
  CaroOrderState as CaroOrderStatePb,
  CaroOrderStateChangedSchema,
  CodaMandateDocumentRegeneratedSchema,
  CodaMandateOrderedSchema,
  CodaMandateState as CodaMandateStatePb,
  CodaMandateStateChangedSchema,
  encodeEvent,
  SodaActivationRequestedSchema,
  SodaMandateOrderedSchema,
  SodaMandateState as SodaMandateStatePb,
  SodaMandateStateChangedSchema,
} from '@fidu/proto-events';
import type { OutboxEvent } from '@fidu/service-kit';
import type { BankAccountState } from '../domain/bank-account';
import type { CaroState } from '../domain/caro-order';
import type { CodaState } from '../domain/coda-mandate';
import type { SodaState } from '../domain/soda-mandate';
import { nextEventId } from './event-id';

const SOURCE = 'mandates';

/** A google.protobuf.Timestamp of a date (without importing the protobuf runtime here). */
function timestampFromDate(date: Date) {
  const ms = date.getTime();
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
}

/** Who and why: carried by every state-change event. */
export interface ChangeMeta {
  reason: string;
  actor: string;
  correlationId: string;
}

const coda = (s: CodaState | null) => (s ? CodaMandateStatePb[s] : CodaMandateStatePb.UNSPECIFIED);
const soda = (s: SodaState | null) => (s ? SodaMandateStatePb[s] : SodaMandateStatePb.UNSPECIFIED);
const caro = (s: CaroState | null) => (s ? CaroOrderStatePb[s] : CaroOrderStatePb.UNSPECIFIED);
const account = (s: BankAccountState | null) => (s ? BankAccountStatePb[s] : BankAccountStatePb.UNSPECIFIED);

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
    {
      id: nextEventId(),
      source: SOURCE,
      tenant: m.officeId,
      subject: m.id,
      correlationId: meta.correlationId,
    },
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
    {
      id: nextEventId(),
      source: SOURCE,
      tenant: m.officeId,
      subject: m.id,
      correlationId: meta.correlationId,
    },
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
    { id: nextEventId(), source: SOURCE, tenant: m.officeId, subject: m.id, correlationId },
  );
}

interface AccountRef {
  id: string;
  officeId: string;
  clientId: string;
  codaMandateId: string;
  bankId: string;
  iban: string;
}

export function bankAccountStateChangedEvent(
  a: AccountRef,
  from: BankAccountState | null,
  to: BankAccountState,
  meta: ChangeMeta,
): OutboxEvent {
  return encodeEvent(
    BankAccountStateChangedSchema,
    {
      bankAccountId: a.id,
      officeId: a.officeId,
      clientId: a.clientId,
      codaMandateId: a.codaMandateId,
      bankId: a.bankId,
      iban: a.iban,
      oldState: account(from),
      newState: account(to),
      reason: meta.reason,
      actor: meta.actor,
    },
    {
      id: nextEventId(),
      source: SOURCE,
      tenant: a.officeId,
      subject: a.id,
      correlationId: meta.correlationId,
    },
  );
}

export function bankAccountActivatedEvent(
  a: AccountRef,
  activatedAt: Date,
  correlationId: string,
): OutboxEvent {
  return encodeEvent(
    BankAccountActivatedSchema,
    {
      bankAccountId: a.id,
      officeId: a.officeId,
      clientId: a.clientId,
      iban: a.iban,
      activatedAt: timestampFromDate(activatedAt),
      codaMandateId: a.codaMandateId,
      bankId: a.bankId,
    },
    {
      id: nextEventId(),
      source: SOURCE,
      tenant: a.officeId,
      subject: a.id,
      correlationId,
      time: activatedAt,
    },
  );
}

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
    {
      id: nextEventId(),
      source: SOURCE,
      tenant: m.officeId,
      subject: m.id,
      correlationId: meta.correlationId,
    },
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
    {
      id: nextEventId(),
      source: SOURCE,
      tenant: m.officeId,
      subject: m.id,
      correlationId: meta.correlationId,
    },
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
    { id: nextEventId(), source: SOURCE, tenant: m.officeId, subject: m.id, correlationId },
  );
}

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
    {
      id: nextEventId(),
      source: SOURCE,
      tenant: o.officeId,
      subject: o.id,
      correlationId: meta.correlationId,
    },
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
    {
      id: nextEventId(),
      source: SOURCE,
      tenant: o.officeId,
      subject: o.id,
      correlationId: meta.correlationId,
    },
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
    { id: nextEventId(), source: SOURCE, tenant: o.officeId, subject: o.id, correlationId },
  );
}
