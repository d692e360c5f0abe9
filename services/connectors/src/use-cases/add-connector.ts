import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ConnectorEntity } from '../db/connector.entity';
import { ConnectorSoftwareEntity } from '../db/connector-software.entity';
import { mapUniqueViolation } from '../db/unique-violation';
import { connectorSoftwareUnknown } from '../domain/connector.errors';
import { parseSoftwareId } from '../domain/connector-software-id';

export interface AddConnectorInput {
  softwareId: string;
}

/**
 * Adds a connector to one software for the office ("Ajouter un connecteur", then "Sélectionnez
 * son logiciel comptable / prestataire"). It waits for validation before clients can be associated.
 */
export async function addConnector(
  ds: DataSource,
  officeId: string,
  input: AddConnectorInput,
): Promise<ConnectorEntity> {
  const softwareId = parseSoftwareId(input.softwareId);
  const connector = Object.assign(new ConnectorEntity(), {
    id: randomUUID(),
    officeId,
    softwareId,
    state: 'PENDING_VALIDATION' as const,
    createdAt: new Date(),
    validatedAt: null,
    deletedAt: null,
  });
  try {
    await ds.transaction(async (em) => {
      if (!(await em.existsBy(ConnectorSoftwareEntity, { id: softwareId })))
        throw connectorSoftwareUnknown(input.softwareId);
      await em.insert(ConnectorEntity, connector);
    });
  } catch (error) {
    throw mapUniqueViolation(error);
  }
  return connector;
}
