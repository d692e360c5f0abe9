import { Not, type DataSource } from 'typeorm';
import { ConnectorEntity } from '../db/connector.entity';

/** The office's connectors ("Mes connecteurs"), oldest first; deleted ones are gone from the list. */
export function listConnectors(ds: DataSource, officeId: string): Promise<ConnectorEntity[]> {
  return ds.getRepository(ConnectorEntity).find({
    where: { officeId, state: Not('DELETED') },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}
