import type { DataSource } from 'typeorm';
import type { RequestContextBase } from '@fidu/service-kit';
import {
  createReferenceDataReadModel,
  type ReferenceDataReadModel,
} from './read-models/reference-data.read-model';
import type { MandateDocumentRenderer } from './documents/mandate-document-renderer';
import type { ESignatureProvider } from './adapters/esignature-provider';
import { createMandatesLoaders, type MandatesLoaders } from './graphql/mandates.loaders';

/** Where document links point and what signs them. */
export interface DocumentLinkSettings {
  /** The service's signing secret (shared with the gateway only). */
  secret: string;
  /** The public base of this service's files (normally the gateway's /files/mandates). */
  baseUrl(): string;
}

/** Adapters the service is built with (a PDF renderer, an e-signature provider, document links). */
export interface MandatesAdapters {
  renderer: MandateDocumentRenderer;
  esignature: ESignatureProvider;
  documentLinks: DocumentLinkSettings;
}

export interface MandatesContext extends RequestContextBase, MandatesAdapters {
  dataSource: DataSource;
  loaders: MandatesLoaders;
  referenceData: ReferenceDataReadModel;
}

/** Built per request: loaders never outlive the request, so no data leaks between callers. */
export function createContext(
  base: RequestContextBase,
  dataSource: DataSource,
  adapters: MandatesAdapters,
): MandatesContext {
  const referenceData = createReferenceDataReadModel(dataSource);
  return {
    ...base,
    ...adapters,
    dataSource,
    referenceData,
    loaders: createMandatesLoaders(dataSource, base.principal, referenceData),
  };
}
