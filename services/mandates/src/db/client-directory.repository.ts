import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, findClientsInDirectory, type ClientDirectoryEntry } from '@fidu/service-kit';

/** The office's client as this service knows it, or MANDATES_CLIENT_NOT_FOUND (also for another office's client). */
export async function requireClient(
  db: DataSource | EntityManager,
  officeId: string,
  clientId: string,
): Promise<ClientDirectoryEntry> {
  const [client] = await findClientsInDirectory(db, officeId, [clientId]);
  if (!client)
    throw new DomainError('MANDATES_CLIENT_NOT_FOUND', 'No such client in your office.', 'clientId');
  return client;
}
