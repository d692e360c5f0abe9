import type { EntityManager } from 'typeorm';
import {
  BankAccountActivatedSchema,
  BankAccountStateChangedSchema,
  isEvent,
  TOPICS,
  type DecodedEvent,
} from '@fidu/proto-events';
import { clientDirectoryBatchHandler } from '@fidu/service-kit';
import { onBankAccountActivated } from './on-bank-account-activated';
import { onBankAccountStateChanged } from './on-bank-account-state-changed';
import { onClientEvent } from './on-client-event';

/** What this service reads: the clients service's clients and the mandates service's bank accounts. */
export const CONSUMED_TOPICS = [TOPICS.clientsClient, TOPICS.mandatesBankAccount];

/** The service's one consumer: dispatches each event by type (others are ignored). */
export async function handleEvent(em: EntityManager, event: DecodedEvent): Promise<void> {
  if (isEvent(event, BankAccountActivatedSchema))
    return onBankAccountActivated(em, event.payload, event.time);
  if (isEvent(event, BankAccountStateChangedSchema))
    return onBankAccountStateChanged(em, event.payload, event.time);
  return onClientEvent(em, event);
}

/** The same for a batch of one partition: client events set-based, the others one by one, in order. */
export const handleEventBatch = clientDirectoryBatchHandler({ handleOther: handleEvent });
