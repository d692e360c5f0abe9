import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import { ConnectorEntity } from '../db/connector.entity';
import { lockConnector } from '../db/lock-connector';
import { nextConnectorState } from '../domain/connector-state-machine';
import { connectorValidated, publish } from '../events/connector-events';

/** Validates a connector: from then on clients can be associated with it. */
export async function validateConnector(
  ds: DataSource,
  officeId: string,
  id: string,
  correlationId?: string,
): Promise<ConnectorEntity> {
  const connectorId = requireUuid(id, 'connectorId');
  return ds.transaction(async (em) => {
    const connector = await lockConnector(em, officeId, connectorId, 'write', 'connectorId');
    const oldState = connector.state;
    connector.state = nextConnectorState(connector.state, 'VALIDATE');
    connector.validatedAt = new Date();
    await em.update(
      ConnectorEntity,
      { id: connector.id, officeId },
      { state: connector.state, validatedAt: connector.validatedAt },
    );
    await publish(em, [connectorValidated(connector, oldState, correlationId)]);
    return connector;
  });
}
