import { uniqueViolationMapper } from '@fidu/service-kit';
import { clientAlreadyAssociated, connectorAlreadyExists } from '../domain/connector.errors';

/** The connectors' unique indexes and the domain error each one means to the caller. */
export const mapUniqueViolation = uniqueViolationMapper({
  connector_office_software_uq: connectorAlreadyExists,
  connector_association_client_uq: () => clientAlreadyAssociated('clientIds'),
});
