import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { findClientsInDirectory, requireUuid } from '@fidu/service-kit';
import { ApprovedCompanyEntity } from '../db/approved-company.entity';
import { mapUniqueViolation } from '../db/unique-violation';
import { clientNotFound } from '../domain/approved-company.errors';
import { InputChecker } from '../domain/approved-company-validation';

/** As sent by the caller: validated and normalised by the use case. */
export interface RegisterApprovedCompanyInput {
  clientId: string;
  approvalNumber: string;
  financialContact: { name: string; email: string; phone?: string | null };
}

/**
 * Registers one of the office's clients as an approved company. The client must be in the
 * office's client directory; a client is at most one company (TS_COMPANY_ALREADY_REGISTERED,
 * enforced by a unique index so two concurrent registrations cannot both win).
 */
export async function registerApprovedCompany(
  ds: DataSource,
  officeId: string,
  input: RegisterApprovedCompanyInput,
): Promise<ApprovedCompanyEntity> {
  const clientId = requireUuid(input.clientId, 'clientId');
  const check = new InputChecker();
  const approvalNumber = check.approvalNumber(input.approvalNumber);
  const name = check.name(
    input.financialContact.name,
    'financialContact.name',
    'TS_CONTACT_NAME_INVALID',
    200,
  );
  const email = check.email(input.financialContact.email, 'financialContact.email');
  const phone = check.phone(input.financialContact.phone, 'financialContact.phone');
  check.done();

  const now = new Date();
  const company = Object.assign(new ApprovedCompanyEntity(), {
    id: randomUUID(),
    officeId,
    clientId,
    approvalNumber,
    financialContactName: name,
    financialContactEmail: email,
    financialContactPhone: phone,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  try {
    // One transaction, so the events of a later slice can join it through the outbox.
    await ds.transaction(async (em) => {
      const [client] = await findClientsInDirectory(em, officeId, [clientId]);
      if (!client) throw clientNotFound();
      await em.insert(ApprovedCompanyEntity, company);
    });
  } catch (error) {
    throw mapUniqueViolation(error);
  }
  return company;
}
