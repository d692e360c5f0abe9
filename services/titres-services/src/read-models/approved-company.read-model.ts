import { In, type DataSource } from 'typeorm';
import { findClientsInDirectory, type ClientDirectoryEntry } from '@fidu/service-kit';
import { ApprovedCompanyEntity } from '../db/approved-company.entity';
import { inCompanyScope } from '../db/approved-company.repository';
import { WorkerEntity } from '../db/worker.entity';
import type { CompanyScope } from '../domain/approved-company';

export type { ApprovedCompanyEntity, ClientDirectoryEntry, WorkerEntity };

/** The clients service's Client as this service knows it: only its id. */
export interface ClientRef {
  id: string;
}

/** The approved companies among `ids` that the scope may see: one statement. */
export function companiesByIds(
  ds: DataSource,
  scope: CompanyScope,
  ids: readonly string[],
): Promise<ApprovedCompanyEntity[]> {
  return ds.getRepository(ApprovedCompanyEntity).find({ where: inCompanyScope(scope, { id: In([...ids]) }) });
}

/** The approved companies of the clients among `clientIds` that the scope may see: one statement. */
export function companiesByClientIds(
  ds: DataSource,
  scope: CompanyScope,
  clientIds: readonly string[],
): Promise<ApprovedCompanyEntity[]> {
  return ds
    .getRepository(ApprovedCompanyEntity)
    .find({ where: inCompanyScope(scope, { clientId: In([...clientIds]) }) });
}

/** The workers of several companies in scope, by last name then first name: one statement. */
export function workersOfCompanies(
  ds: DataSource,
  scope: CompanyScope,
  companyIds: readonly string[],
): Promise<WorkerEntity[]> {
  const q = ds.getRepository(WorkerEntity).createQueryBuilder('w');
  if (scope.kind === 'office') {
    q.where('w.company_id IN (:...companyIds) AND w.office_id = :officeId', {
      companyIds: [...companyIds],
      officeId: scope.officeId,
    });
  } else {
    q.where('w.company_id = :companyId', { companyId: scope.companyId });
  }
  return q.orderBy('lower(w.last_name)').addOrderBy('lower(w.first_name)').addOrderBy('w.id').getMany();
}

/** Directory entries of one office's clients (their names): one statement. */
export function directoryEntries(
  ds: DataSource,
  officeId: string,
  clientIds: string[],
): Promise<ClientDirectoryEntry[]> {
  return findClientsInDirectory(ds, officeId, clientIds);
}
