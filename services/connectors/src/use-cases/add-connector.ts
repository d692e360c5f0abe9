import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ConnectorEntity } from '../db/connector.entity';
import { ConnectorSoftwareEntity } from '../db/connector-software.entity';
import { mapUniqueViolation } from '../db/unique-violation';
import { connectorSoftwareUnknown } from '../domain/connector.errors';
import { parseSoftwareId } from '../domain/connector-software-id';
import type { ExportFormat } from '../domain/connector';
import { connectorAdded, publish } from '../events/connector-events';
import { DomainError } from '@fidu/service-kit';
import { columnsOf, conventionsOf } from '../domain/connector-csv-conventions';
import {
  mergeCsvConventions,
  STANDARD_CSV_CONVENTIONS,
  type CsvConventionsInput,
} from '../domain/csv-conventions';

export interface AddConnectorInput {
  softwareId: string;
  /** One of the software's formats; default: FEC when the software imports it, else CSV. */
  exportFormat?: ExportFormat | null;
  /** Overrides of the software's usual CSV conventions; what is left out keeps the software's. */
  csvConventions?: CsvConventionsInput | null;
}

/**
 * Adds a connector to one software for the office ("Ajouter un connecteur", then "Sélectionnez
 * son logiciel comptable / prestataire"). It waits for validation before clients can be associated.
 */
export async function addConnector(
  ds: DataSource,
  officeId: string,
  input: AddConnectorInput,
  correlationId?: string,
): Promise<ConnectorEntity> {
  const softwareId = parseSoftwareId(input.softwareId);
  const connector = Object.assign(new ConnectorEntity(), {
    id: randomUUID(),
    officeId,
    softwareId,
    state: 'PENDING_VALIDATION' as const,
    exportFormat: 'CSV' as ExportFormat,
    ...columnsOf(STANDARD_CSV_CONVENTIONS),
    createdAt: new Date(),
    validatedAt: null,
    deletedAt: null,
  });
  try {
    await ds.transaction(async (em) => {
      const software = await em.findOneBy(ConnectorSoftwareEntity, { id: softwareId });
      if (!software) throw connectorSoftwareUnknown(input.softwareId);
      const formats = software.exportFormats as ExportFormat[];
      if (input.exportFormat && !formats.includes(input.exportFormat)) {
        throw new DomainError(
          'CONNECTOR_EXPORT_FORMAT_UNSUPPORTED',
          `${software.name} imports ${formats.join(' or ')}, not ${input.exportFormat}.`,
          'exportFormat',
          { supported: formats },
        );
      }
      connector.exportFormat = input.exportFormat ?? (formats.includes('FEC') ? 'FEC' : 'CSV');
      Object.assign(connector, columnsOf(mergeCsvConventions(conventionsOf(software), input.csvConventions)));
      await em.insert(ConnectorEntity, connector);
      await publish(em, [connectorAdded(connector, correlationId)]);
    });
  } catch (error) {
    throw mapUniqueViolation(error);
  }
  return connector;
}
