import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import { ApprovedCompanyEntity } from '../db/approved-company.entity';
import { inCompanyScope } from '../db/approved-company.repository';
import { mapUniqueViolation } from '../db/unique-violation';
import { WorkerEntity } from '../db/worker.entity';
import type { CompanyScope } from '../domain/approved-company';
import { companyNotFound } from '../domain/approved-company.errors';
import { InputChecker } from '../domain/approved-company-validation';

/** As sent by the caller: validated and normalised by the use case. */
export interface AddWorkerInput {
  companyId: string;
  firstName: string;
  lastName: string;
  niss?: string | null;
}

/**
 * Adds a worker to an approved company, for the office that registered it or the company itself
 * (the scope); another office's or company's id is simply not found. The same national number
 * cannot be added twice to one company (TS_WORKER_ALREADY_ADDED).
 */
export async function addWorker(
  ds: DataSource,
  scope: CompanyScope,
  input: AddWorkerInput,
): Promise<WorkerEntity> {
  const companyId = requireUuid(input.companyId, 'companyId');
  const check = new InputChecker();
  const firstName = check.name(input.firstName, 'firstName', 'TS_WORKER_NAME_INVALID', 100);
  const lastName = check.name(input.lastName, 'lastName', 'TS_WORKER_NAME_INVALID', 100);
  const niss = check.niss(input.niss);
  check.done();

  try {
    return await ds.transaction(async (em) => {
      const company = await em.findOne(ApprovedCompanyEntity, {
        where: inCompanyScope(scope, { id: companyId }),
      });
      if (!company) throw companyNotFound();
      const worker = Object.assign(new WorkerEntity(), {
        id: randomUUID(),
        officeId: company.officeId,
        companyId: company.id,
        firstName,
        lastName,
        niss,
        createdAt: new Date(),
      });
      await em.insert(WorkerEntity, worker);
      return worker;
    });
  } catch (error) {
    throw mapUniqueViolation(error);
  }
}
