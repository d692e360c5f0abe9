import type { EntityManager } from 'typeorm';
import { BankAccountActivatedSchema, isEvent, type DecodedEvent } from '@fidu/proto-events';
import { onBankAccountActivated } from './on-bank-account-activated';
import { onClientEvent } from './on-client-event';

/** The service's one consumer: dispatches each event by type (others are ignored). */
export async function onEvent(em: EntityManager, event: DecodedEvent): Promise<void> {
  if (isEvent(event, BankAccountActivatedSchema))
    return onBankAccountActivated(em, event.payload, event.time);
  return onClientEvent(em, event);
}
