import { QueryFailedError } from 'typeorm';
import { clientAlreadyAssociated, connectorAlreadyExists } from '../domain/connector.errors';

/**
 * Turns a unique-index violation into the domain error the caller can act on. The indexes, not
 * the pre-checks, are what make the rules hold under concurrent requests.
 */
export function mapUniqueViolation(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = error.driverError as { code?: string; constraint?: string };
  if (driver.code !== '23505') return error;
  if (driver.constraint === 'connector_office_software_uq') return connectorAlreadyExists();
  if (driver.constraint === 'connector_association_client_uq') return clientAlreadyAssociated('clientIds');
  return error;
}
