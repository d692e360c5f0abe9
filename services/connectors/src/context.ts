import type { DataSource } from 'typeorm';
import { tenantOf, type RequestContextBase } from '@fidu/service-kit';
import { createConnectorLoaders, type ConnectorLoaders } from './graphql/connector.loaders';

/** Where signed download links point and what signs them. */
export interface DownloadSettings {
  secret: string;
  /** Origin of the connectors service as callers reach it, e.g. http://127.0.0.1:4003. */
  baseUrl(): string;
}

export interface ConnectorsContext extends RequestContextBase {
  dataSource: DataSource;
  loaders: ConnectorLoaders;
  downloads: DownloadSettings;
}

/** Built per request: loaders never outlive the request, so no data leaks between callers. */
export function createContext(
  base: RequestContextBase,
  dataSource: DataSource,
  downloads: DownloadSettings,
): ConnectorsContext {
  return {
    ...base,
    dataSource,
    downloads,
    loaders: createConnectorLoaders(dataSource, tenantOf(base.principal)),
  };
}
