import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { ApprovedCompanyEntity } from '../db/approved-company.entity';
import { inCompanyScope } from '../db/approved-company.repository';
import { companyNotFound } from '../domain/approved-company.errors';
import { InputChecker } from '../domain/approved-company-validation';
import type { CompanySideScope } from '../domain/titres-scope';

export interface VoucherUserRow {
  id: string;
  officeId: string;
  registeredByCompanyId: string;
  firstName: string;
  lastName: string;
  email: string;
  createdAt: Date;
}

/**
 * Registers a voucher user (utilisateur·rice) as a customer of an approved company; the user then
 * signs in with their own principal (`{ kind: 'voucher_user', voucherUserId }`). Any company of
 * the same office may then encode prestations for them. One user per e-mail and office.
 */
export async function registerVoucherUser(
  ds: DataSource,
  scope: CompanySideScope,
  input: { companyId: string; firstName: string; lastName: string; email: string },
): Promise<VoucherUserRow> {
  const companyId = requireUuid(input.companyId, 'companyId');
  const check = new InputChecker();
  const firstName = check.name(input.firstName, 'firstName', 'TS_VOUCHER_USER_NAME_INVALID', 100);
  const lastName = check.name(input.lastName, 'lastName', 'TS_VOUCHER_USER_NAME_INVALID', 100);
  const email = check.email(input.email, 'email');
  check.done();
  return ds.transaction(async (em) => {
    const company = await em.findOne(ApprovedCompanyEntity, {
      where: inCompanyScope(scope, { id: companyId }),
    });
    if (!company) throw companyNotFound();
    const row: VoucherUserRow = {
      id: randomUUID(),
      officeId: company.officeId,
      registeredByCompanyId: companyId,
      firstName,
      lastName,
      email,
      createdAt: new Date(),
    };
    const inserted = (await em.query(
      `INSERT INTO voucher_user (id, office_id, registered_by_company_id, first_name, last_name, email, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (office_id, email) DO NOTHING RETURNING id`,
      [row.id, row.officeId, companyId, firstName, lastName, email, row.createdAt],
    )) as unknown[];
    if (inserted.length === 0) {
      throw new DomainError(
        'TS_VOUCHER_USER_ALREADY_REGISTERED',
        'A voucher user with this e-mail is already registered in this office.',
        'email',
      );
    }
    return row;
  });
}
