import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import { ConnectorEntity } from '../db/connector.entity';
import { lockConnector } from '../db/lock-connector';
import { nextConnectorState } from '../domain/connector-state-machine';
import {
  clientDisassociated,
  connectorDeleted,
  publish,
  type AssociationFact,
} from '../events/connector-events';

export interface DeletedConnector {
  connector: ConnectorEntity;
  /** How many client associations the deletion ended. */
  endedAssociationCount: number;
}

/**
 * Deletes a connector and, in the same transaction, ends all its associations (as offices are told: "Pour
 * couper entièrement une association, il suffit d'aller dans « Mes connecteurs » et supprimer le
 * service mis en place"). The clients' entries go back to the office's global file.
 */
export async function deleteConnector(
  ds: DataSource,
  officeId: string,
  id: string,
  correlationId?: string,
): Promise<DeletedConnector> {
  const connectorId = requireUuid(id, 'connectorId');
  return ds.transaction(async (em) => {
    const connector = await lockConnector(em, officeId, connectorId, 'write', 'connectorId');
    const oldState = connector.state;
    connector.state = nextConnectorState(connector.state, 'DELETE');
    connector.deletedAt = new Date();
    await em.update(
      ConnectorEntity,
      { id: connector.id, officeId },
      { state: connector.state, deletedAt: connector.deletedAt },
    );
    // One set-based statement, whatever the number of associations; each still gets its event.
    const [rows] = (await em.query(
      `UPDATE connector_association SET ended_at = $3, end_reason = 'CONNECTOR_DELETED'
        WHERE connector_id = $1 AND office_id = $2 AND ended_at IS NULL
        RETURNING id, office_id AS "officeId", connector_id AS "connectorId", client_id AS "clientId"`,
      [connector.id, officeId, connector.deletedAt],
    )) as [AssociationFact[], number];
    const endedAt = connector.deletedAt;
    await publish(em, [
      connectorDeleted(connector, oldState, rows.length, correlationId),
      ...rows.map((a) => clientDisassociated({ ...a, endedAt }, 'CONNECTOR_DELETED', correlationId)),
    ]);
    return { connector, endedAssociationCount: rows.length };
  });
}
