import { randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource } from 'typeorm';
import { findClientsInDirectory, requireUuid } from '@fidu/service-kit';
import { ConnectorAssociationEntity } from '../db/connector-association.entity';
import type { ConnectorEntity } from '../db/connector.entity';
import { lockConnector } from '../db/lock-connector';
import { mapUniqueViolation } from '../db/unique-violation';
import { planAssociations } from '../domain/association-rules';
import { parseClientSelection } from '../domain/client-selection';
import { clientAssociated, publish, type Channel } from '../events/connector-events';

export interface AssociateClientsInput {
  connectorId: string;
  clientIds: string[];
}

export interface AssociatedClients {
  connector: ConnectorEntity;
  /** The association of every selected client, in the order they were sent. */
  associations: ConnectorAssociationEntity[];
}

/**
 * Associates the ticked clients with a validated connector, all or nothing ("Associer
 * les dossiers clients"). Clients already associated with it stay as they are. The statement count
 * does not grow with the selection: lookups and the insert are set-based.
 */
export async function associateClients(
  ds: DataSource,
  officeId: string,
  input: AssociateClientsInput,
  options: { channel?: Channel; correlationId?: string } = {},
): Promise<AssociatedClients> {
  const connectorId = requireUuid(input.connectorId, 'connectorId');
  const selection = parseClientSelection(input.clientIds);
  try {
    return await ds.transaction(async (em) => {
      const connector = await lockConnector(em, officeId, connectorId, 'read', 'connectorId');
      const known = await findClientsInDirectory(em, officeId, selection);
      const current = await em.find(ConnectorAssociationEntity, {
        where: { officeId, clientId: In(selection), endedAt: IsNull() },
      });
      const plan = planAssociations({
        connectorId,
        connectorState: connector.state,
        selection,
        officeClientIds: new Set(known.map((c) => c.clientId)),
        current,
      });

      const now = new Date();
      const created = plan.toAssociate.map((clientId) =>
        Object.assign(new ConnectorAssociationEntity(), {
          id: randomUUID(),
          officeId,
          connectorId,
          clientId,
          associatedAt: now,
          endedAt: null,
          endReason: null,
        }),
      );
      if (created.length > 0) await em.insert(ConnectorAssociationEntity, created);
      await publish(
        em,
        created.map((a) =>
          clientAssociated(a, connector.softwareId, options.channel ?? 'SELECTION', options.correlationId),
        ),
      );

      const byClient = new Map([...current, ...created].map((a) => [a.clientId, a]));
      return { connector, associations: selection.map((id) => byClient.get(id)!) };
    });
  } catch (error) {
    throw mapUniqueViolation(error);
  }
}
