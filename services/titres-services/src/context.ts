import type { DataSource } from 'typeorm';
import { DomainError, type RequestContextBase } from '@fidu/service-kit';
import type { CompanyScope } from './domain/approved-company';
import { companyScopeOf } from './access/approved-company.access';
import {
  createApprovedCompanyLoaders,
  type ApprovedCompanyLoaders,
} from './graphql/approved-company.loaders';
import { createTitresLoaders, type TitresLoaders } from './graphql/titres.loaders';

export interface TitresServicesContext extends RequestContextBase {
  dataSource: DataSource;
  /** What the caller may see; null for callers who may see no company (resolvers raise the typed error). */
  scope: CompanyScope | null;
  loaders: ApprovedCompanyLoaders;
  titres: TitresLoaders;
  /** Service settings the resolvers need. */
  settings: TitresSettings;
}

/** What resolvers need from the configuration. */
export interface TitresSettings {
  autoValidationBusinessDays: number;
  gatewaySigningSecret: string;
  /** Base of file links (invoice PDFs): the gateway's /files/titres-services. */
  publicUrl: string;
}

function scopeOrNull(base: RequestContextBase): CompanyScope | null {
  try {
    return companyScopeOf(base.principal);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/** Built per request: loaders never outlive the request, so no data leaks between callers. */
export function createContext(
  base: RequestContextBase,
  dataSource: DataSource,
  settings: TitresSettings,
): TitresServicesContext {
  const scope = scopeOrNull(base);
  return {
    ...base,
    dataSource,
    scope,
    loaders: createApprovedCompanyLoaders(dataSource, scope),
    titres: createTitresLoaders(dataSource),
    settings,
  };
}
