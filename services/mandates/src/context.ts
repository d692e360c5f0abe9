import type { DataSource } from 'typeorm';
import { tenantOf, type RequestContextBase } from '@fidu/service-kit';
import { createReferenceDataRepository, type ReferenceDataRepository } from './db/reference-data.repository';
import { createMandatesLoaders, type MandatesLoaders } from './graphql/mandates.loaders';

export interface MandatesContext extends RequestContextBase {
  dataSource: DataSource;
  loaders: MandatesLoaders;
  referenceData: ReferenceDataRepository;
}

/** Built per request: loaders never outlive the request, so no data leaks between callers. */
export function createContext(base: RequestContextBase, dataSource: DataSource): MandatesContext {
  return {
    ...base,
    dataSource,
    loaders: createMandatesLoaders(dataSource, tenantOf(base.principal)),
    referenceData: createReferenceDataRepository(dataSource),
  };
}
