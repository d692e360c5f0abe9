import { In, type DataSource } from 'typeorm';
import { ConnectorSoftwareEntity } from '../db/connector-software.entity';

/** The catalogue offered when adding a connector, in name order. */
export function listConnectorSoftwares(ds: DataSource): Promise<ConnectorSoftwareEntity[]> {
  return ds.getRepository(ConnectorSoftwareEntity).find({ order: { name: 'ASC' } });
}

/** Softwares by id (reference data, the same for every caller): one statement. */
export function softwaresByIds(ds: DataSource, ids: readonly string[]): Promise<ConnectorSoftwareEntity[]> {
  return ds.getRepository(ConnectorSoftwareEntity).find({ where: { id: In([...ids]) } });
}
