import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import { ConnectorEntity } from '../db/connector.entity';
import { lockConnector } from '../db/lock-connector';
import { nextConnectorState } from '../domain/connector-state-machine';

export interface DeletedConnector {
  connector: ConnectorEntity;
  /** How many client associations the deletion ended. */
  endedAssociationCount: number;
}

/**
 * Deletes a connector and, in the same transaction, ends all its associations (seed 002: "Pour
 * couper entièrement une association, il suffit d'aller dans « Mes connecteurs » et supprimer le
 * service mis en place"). The clients' entries go back to the office's global file.
 */
export async function deleteConnector(
  ds: DataSource,
  officeId: string,
  id: string,
): Promise<DeletedConnector> {
  const connectorId = requireUuid(id, 'id');
  return ds.transaction(async (em) => {
    const connector = await lockConnector(em, officeId, connectorId, 'write');
    connector.state = nextConnectorState(connector.state, 'DELETE');
    connector.deletedAt = new Date();
    await em.update(
      ConnectorEntity,
      { id: connector.id, officeId },
      { state: connector.state, deletedAt: connector.deletedAt },
    );
    const [, ended] = (await em.query(
      `UPDATE connector_association SET ended_at = $3, end_reason = 'CONNECTOR_DELETED'
        WHERE connector_id = $1 AND office_id = $2 AND ended_at IS NULL`,
      [connector.id, officeId, connector.deletedAt],
    )) as [unknown, number];
    return { connector, endedAssociationCount: ended };
  });
}
