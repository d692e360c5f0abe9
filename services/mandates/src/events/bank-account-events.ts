import {
  BankAccountActivatedSchema,
  BankAccountState as BankAccountStatePb,
  BankAccountStateChangedSchema,
  encodeEvent,
} from '@fidu/proto-events';
import type { BankAccountState } from '../domain/bank-account';
import { envelopeOf, timestampFromDate, type ChangeMeta, type OutboxEvent } from './event-envelope';

const account = (s: BankAccountState | null) => (s ? BankAccountStatePb[s] : BankAccountStatePb.UNSPECIFIED);

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
    envelopeOf(a.id, a.officeId, meta.correlationId),
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
    { ...envelopeOf(a.id, a.officeId, correlationId), time: activatedAt },
  );
}
