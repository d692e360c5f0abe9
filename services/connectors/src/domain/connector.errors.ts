import { DomainError, inputExcerpt } from '@fidu/service-kit/domain';
import type { ConnectorState } from './connector';

/** Unknown id, or a connector of another office: both read as "not found". */
export function connectorNotFound(field = 'id'): DomainError {
  return new DomainError('CONNECTOR_NOT_FOUND', 'No such connector in your office.', field);
}

export function connectorSoftwareUnknown(softwareId: string): DomainError {
  return new DomainError(
    'CONNECTOR_SOFTWARE_UNKNOWN',
    `${inputExcerpt(softwareId)} is not an accounting software or provider So bank can connect to: pick one of connectorSoftwares.`,
    'softwareId',
  );
}

export function connectorAlreadyExists(): DomainError {
  return new DomainError(
    'CONNECTOR_ALREADY_EXISTS',
    'Your office already has a connector to this software: validate or reuse it, or delete it first.',
    'softwareId',
  );
}

export function connectorNotActive(state: ConnectorState): DomainError {
  const why = state === 'DELETED' ? 'it was deleted' : 'validate it first';
  return new DomainError(
    'CONNECTOR_NOT_ACTIVE',
    `Clients can only be associated with an active connector: ${why}.`,
    'connectorId',
    {
      state,
    },
  );
}

/** Unknown id, or a client of another office: both read as "not found". */
export function clientNotFound(field = 'clientId'): DomainError {
  return new DomainError('CLIENT_NOT_FOUND', 'No such client in your office.', field);
}

export function clientNotAssociated(): DomainError {
  return new DomainError(
    'CONNECTOR_CLIENT_NOT_ASSOCIATED',
    'This client is not associated with any connector.',
    'clientId',
  );
}

/** A client feeds one software only; moving it is an explicit disassociate + associate. */
export function clientAlreadyAssociated(field: string, connectorId?: string): DomainError {
  return new DomainError(
    'CONNECTOR_CLIENT_ALREADY_ASSOCIATED',
    'This client is already associated with another connector: disassociate it first.',
    field,
    connectorId ? { connectorId } : undefined,
  );
}

/** Unknown id, or a batch neither of the caller's office nor addressed to its software. */
export function exportNotFound(): DomainError {
  return new DomainError('CONNECTOR_EXPORT_NOT_FOUND', 'No such export for you.', 'exportId');
}
