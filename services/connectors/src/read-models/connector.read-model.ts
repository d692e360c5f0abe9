import { In, IsNull, Not, type DataSource } from 'typeorm';
import { ConnectorAssociationEntity } from '../db/connector-association.entity';
import { ConnectorEntity } from '../db/connector.entity';

/** The office's connectors ("Mes connecteurs"), oldest first; deleted ones are gone from the list. */
export function listConnectors(ds: DataSource, officeId: string): Promise<ConnectorEntity[]> {
  return ds.getRepository(ConnectorEntity).find({
    where: { officeId, state: Not('DELETED') },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}

/** The office's connectors among `ids` (deleted ones included): one statement. */
export function connectorsByIds(
  ds: DataSource,
  officeId: string,
  ids: readonly string[],
): Promise<ConnectorEntity[]> {
  return ds.getRepository(ConnectorEntity).find({ where: { id: In([...ids]), officeId } });
}

/** The live association of each of the office's clients among `clientIds` that has one: one statement. */
export function liveAssociationsOf(
  ds: DataSource,
  officeId: string,
  clientIds: readonly string[],
): Promise<ConnectorAssociationEntity[]> {
  return ds
    .getRepository(ConnectorAssociationEntity)
    .find({ where: { clientId: In([...clientIds]), officeId, endedAt: IsNull() } });
}
