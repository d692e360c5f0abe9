import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import { ConnectorEntity } from '../db/connector.entity';
import { lockConnector } from '../db/lock-connector';
import { columnsOf, conventionsOf } from '../domain/connector-csv-conventions';
import { mergeCsvConventions, type CsvConventionsInput } from '../domain/csv-conventions';

export interface SetConnectorCsvConventionsInput {
  connectorId: string;
  csvConventions: CsvConventionsInput;
}

/**
 * The office changes the CSV conventions of one of its live connectors; what it
 * leaves out keeps its current value. Files read from then on, earlier batches included, use them.
 */
export async function setConnectorCsvConventions(
  ds: DataSource,
  officeId: string,
  input: SetConnectorCsvConventionsInput,
): Promise<ConnectorEntity> {
  const connectorId = requireUuid(input.connectorId, 'connectorId');
  return ds.transaction(async (em) => {
    const connector = await lockConnector(em, officeId, connectorId, 'write', 'connectorId');
    const columns = columnsOf(mergeCsvConventions(conventionsOf(connector), input.csvConventions));
    await em.update(ConnectorEntity, { id: connector.id, officeId }, columns);
    return Object.assign(connector, columns);
  });
}
