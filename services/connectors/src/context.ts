import type { DataSource } from 'typeorm';
import { tenantOf, type RequestContextBase } from '@fidu/service-kit';
import { createConnectorLoaders, type ConnectorLoaders } from './graphql/connector.loaders';

export interface ConnectorsContext extends RequestContextBase {
  dataSource: DataSource;
  loaders: ConnectorLoaders;
}

/** Built per request: loaders never outlive the request, so no data leaks between callers. */
export function createContext(base: RequestContextBase, dataSource: DataSource): ConnectorsContext {
  return { ...base, dataSource, loaders: createConnectorLoaders(dataSource, tenantOf(base.principal)) };
}
