import type { EntityManager } from 'typeorm';
import { connectorNotFound } from '../domain/connector.errors';
import { ConnectorEntity } from './connector.entity';

/**
 * Reads one of the office's connectors with a row lock for the rest of the transaction:
 * `write` for state changes, `read` for associating (so a concurrent delete waits, and
 * no association slips in after the connector was deleted).
 */
export async function lockConnector(
  em: EntityManager,
  officeId: string,
  id: string,
  mode: 'read' | 'write',
  field = 'id',
): Promise<ConnectorEntity> {
  const connector = await em.findOne(ConnectorEntity, {
    where: { id, officeId },
    lock: { mode: mode === 'write' ? 'pessimistic_write' : 'pessimistic_read' },
  });
  if (!connector) throw connectorNotFound(field);
  return connector;
}
