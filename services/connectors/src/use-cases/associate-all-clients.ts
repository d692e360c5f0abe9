import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import { lockConnector } from '../db/lock-connector';
import type { ConnectorEntity } from '../db/connector.entity';
import { connectorNotActive } from '../domain/connector.errors';
import { clientAssociated, publish, type AssociationFact } from '../events/connector-events';

export interface AssociateAllClientsInput {
  connectorId: string;
}

export interface AssociatedAll {
  connector: ConnectorEntity;
  /** Clients associated by this call. */
  associatedCount: number;
  /** Clients that already were associated with this connector (unchanged). */
  alreadyAssociatedCount: number;
  /** Clients associated with another connector, left where they are. */
  associatedElsewhereCount: number;
}

/**
 * "Tout associer": every client of the office that feeds no connector yet is
 * associated with this one, in one set-based `INSERT … SELECT` over the client directory — the
 * cost does not grow with a loop over clients. Clients on another connector stay there (moving a
 * dossier is an explicit disassociate + associate). The unique index on live associations keeps a
 * concurrent association from creating a second one: `ON CONFLICT DO NOTHING` skips that client.
 */
export async function associateAllClients(
  ds: DataSource,
  officeId: string,
  input: AssociateAllClientsInput,
  correlationId?: string,
): Promise<AssociatedAll> {
  const connectorId = requireUuid(input.connectorId, 'connectorId');
  return ds.transaction(async (em) => {
    const connector = await lockConnector(em, officeId, connectorId, 'read', 'connectorId');
    if (connector.state !== 'ACTIVE') throw connectorNotActive(connector.state);
    const now = new Date();
    const created = (await em.query(
      `INSERT INTO connector_association (id, office_id, connector_id, client_id, associated_at)
       SELECT gen_random_uuid(), d.office_id, $2, d.client_id, $3
         FROM client_directory d
        WHERE d.office_id = $1
          AND NOT EXISTS (SELECT 1 FROM connector_association a
                           WHERE a.office_id = d.office_id AND a.client_id = d.client_id AND a.ended_at IS NULL)
       ON CONFLICT (office_id, client_id) WHERE ended_at IS NULL DO NOTHING
       RETURNING id, office_id AS "officeId", connector_id AS "connectorId", client_id AS "clientId"`,
      [officeId, connectorId, now],
    )) as AssociationFact[];
    const [counts] = (await em.query(
      `SELECT count(*) FILTER (WHERE connector_id = $2)::int AS mine, count(*) FILTER (WHERE connector_id <> $2)::int AS elsewhere
         FROM connector_association WHERE office_id = $1 AND ended_at IS NULL`,
      [officeId, connectorId],
    )) as { mine: number; elsewhere: number }[];
    await publish(
      em,
      created.map((a) =>
        clientAssociated({ ...a, associatedAt: now }, connector.softwareId, 'ALL', correlationId),
      ),
    );
    return {
      connector,
      associatedCount: created.length,
      alreadyAssociatedCount: counts!.mine - created.length,
      associatedElsewhereCount: counts!.elsewhere,
    };
  });
}
