import { IsNull, type DataSource } from 'typeorm';
import { findClientsInDirectory, requireUuid } from '@fidu/service-kit';
import { ConnectorAssociationEntity } from '../db/connector-association.entity';
import { clientNotAssociated, clientNotFound } from '../domain/connector.errors';
import { clientDisassociated, publish } from '../events/connector-events';

/**
 * Ends a client's association, from its client record ("à tout moment vous pouvez
 * désassocier un client en allant tout simplement dans sa fiche client"). Its entries go back to
 * the office's global file. Returns the ended association.
 */
export async function disassociateClient(
  ds: DataSource,
  officeId: string,
  clientId: string,
  correlationId?: string,
): Promise<ConnectorAssociationEntity> {
  const id = requireUuid(clientId, 'clientId');
  return ds.transaction(async (em) => {
    const [client] = await findClientsInDirectory(em, officeId, [id]);
    if (!client) throw clientNotFound();
    const association = await em.findOne(ConnectorAssociationEntity, {
      where: { officeId, clientId: id, endedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    if (!association) throw clientNotAssociated();
    association.endedAt = new Date();
    association.endReason = 'DISASSOCIATED';
    await em.update(
      ConnectorAssociationEntity,
      { id: association.id },
      { endedAt: association.endedAt, endReason: association.endReason },
    );
    await publish(em, [
      clientDisassociated({ ...association, endedAt: association.endedAt }, 'DISASSOCIATED', correlationId),
    ]);
    return association;
  });
}
