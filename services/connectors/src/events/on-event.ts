import type { EntityManager } from 'typeorm';
import {
  BankAccountActivatedSchema,
  BankAccountStateChangedSchema,
  isEvent,
  type DecodedEvent,
} from '@fidu/proto-events';
import { onBankAccountActivated } from './on-bank-account-activated';
import { onBankAccountStateChanged } from './on-bank-account-state-changed';
import { onClientEvent } from './on-client-event';

/** The service's one consumer: dispatches each event by type (others are ignored). */
export async function onEvent(em: EntityManager, event: DecodedEvent): Promise<void> {
  if (isEvent(event, BankAccountActivatedSchema))
    return onBankAccountActivated(em, event.payload, event.time);
  if (isEvent(event, BankAccountStateChangedSchema))
    return onBankAccountStateChanged(em, event.payload, event.time);
  return onClientEvent(em, event);
}
