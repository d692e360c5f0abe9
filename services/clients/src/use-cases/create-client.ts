import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox } from '@fidu/service-kit';
import { ClientEntity } from '../db/client.entity';
import { toColumns } from '../db/client.mapping';
import { mapUniqueViolation } from '../db/unique-violation';
import type { Address, Language } from '../domain/client';
import { validateNewClient } from '../domain/new-client';
import { clientRegisteredEvent } from '../events/client-events';

export interface CreateClientInput {
  enterpriseNumber?: string | null;
  companyName: string;
  clientCode: string;
  email?: string | null;
  phone?: string | null;
  address?: Address | null;
  language: Language;
}

/** Registers a client for the office and emits ClientRegistered in the same transaction. */
export async function createClient(
  ds: DataSource,
  officeId: string,
  input: CreateClientInput,
  correlationId: string,
): Promise<ClientEntity> {
  const data = validateNewClient(input);

  const now = new Date();
  const client = Object.assign(new ClientEntity(), {
    id: randomUUID(),
    officeId,
    ...toColumns(data),
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  try {
    await ds.transaction(async (em) => {
      await em.insert(ClientEntity, client);
      await appendToOutbox(em, [clientRegisteredEvent(client, correlationId)]);
    });
  } catch (error) {
    throw mapUniqueViolation(error);
  }
  return client;
}
