import { In, Not, type DataSource } from 'typeorm';
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

/** A live association with its connector, read together (a client list shows both). */
export type LiveAssociation = ConnectorAssociationEntity & { connector: ConnectorEntity };

/**
 * The live association of each of the office's clients among `clientIds` that has one, with its
 * connector: one statement (the client list's connector column used to take a second round trip).
 */
export function liveAssociationsOf(
  ds: DataSource,
  officeId: string,
  clientIds: readonly string[],
): Promise<LiveAssociation[]> {
  return ds
    .getRepository(ConnectorAssociationEntity)
    .createQueryBuilder('a')
    .innerJoinAndMapOne(
      'a.connector',
      ConnectorEntity,
      'c',
      'c.id = a.connectorId AND c.officeId = a.officeId',
    )
    .where('a.clientId IN (:...clientIds)', { clientIds: [...clientIds] })
    .andWhere('a.officeId = :officeId', { officeId })
    .andWhere('a.endedAt IS NULL')
    .getMany() as Promise<LiveAssociation[]>;
}
