import type { DataSource } from 'typeorm';
import { ConnectorSoftwareEntity } from '../db/connector-software.entity';

/** The catalogue offered when adding a connector, in name order. */
export function listConnectorSoftwares(ds: DataSource): Promise<ConnectorSoftwareEntity[]> {
  return ds.getRepository(ConnectorSoftwareEntity).find({ order: { name: 'ASC' } });
}
