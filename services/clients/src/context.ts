import type { DataSource } from 'typeorm';
import { tenantOf, type RequestContextBase } from '@fidu/service-kit';
import { createClientLoaders, type ClientLoaders } from './graphql/client.loaders';

export interface ClientsContext extends RequestContextBase {
  dataSource: DataSource;
  loaders: ClientLoaders;
}

/** Built per request: loaders never outlive the request, so no data leaks between callers. */
export function createContext(base: RequestContextBase, dataSource: DataSource): ClientsContext {
  return { ...base, dataSource, loaders: createClientLoaders(dataSource, tenantOf(base.principal)) };
}
