import type { DataSource } from 'typeorm';
import type { RequestContextBase } from '@fidu/service-kit';
import { createReferenceDataRepository, type ReferenceDataRepository } from './db/reference-data.repository';
import type { MandateDocumentRenderer } from './documents/mandate-document-renderer';
import type { ESignatureProvider } from './esignature/esignature-provider';
import { createMandatesLoaders, type MandatesLoaders } from './graphql/mandates.loaders';

/** Adapters the service is built with (a PDF renderer, an e-signature provider). */
export interface MandatesAdapters {
  renderer: MandateDocumentRenderer;
  esignature: ESignatureProvider;
}

export interface MandatesContext extends RequestContextBase, MandatesAdapters {
  dataSource: DataSource;
  loaders: MandatesLoaders;
  referenceData: ReferenceDataRepository;
}

/** Built per request: loaders never outlive the request, so no data leaks between callers. */
export function createContext(
  base: RequestContextBase,
  dataSource: DataSource,
  adapters: MandatesAdapters,
): MandatesContext {
  const referenceData = createReferenceDataRepository(dataSource);
  return {
    ...base,
    ...adapters,
    dataSource,
    referenceData,
    loaders: createMandatesLoaders(dataSource, base.principal, referenceData),
  };
}
