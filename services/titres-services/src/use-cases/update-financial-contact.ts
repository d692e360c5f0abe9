import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import type { ApprovedCompanyEntity } from '../db/approved-company.entity';
import { companyInScope } from '../db/approved-company.repository';
import { InputChecker } from '../domain/approved-company-validation';
import type { CompanySideScope } from '../domain/titres-scope';

/** Billing tab: replaces the financial contact person (validated like at registration). */
export async function updateFinancialContact(
  ds: DataSource,
  scope: CompanySideScope,
  input: { companyId: string; name: string; email: string; phone?: string | null },
): Promise<ApprovedCompanyEntity> {
  requireUuid(input.companyId, 'companyId');
  const check = new InputChecker();
  const name = check.name(input.name, 'name', 'TS_CONTACT_NAME_INVALID', 200);
  const email = check.email(input.email, 'email');
  const phone = check.phone(input.phone, 'phone');
  check.done();
  return ds.transaction(async (em) => {
    const company = await companyInScope(em, scope, input.companyId);
    Object.assign(company, {
      financialContactName: name,
      financialContactEmail: email,
      financialContactPhone: phone,
      updatedAt: new Date(),
      version: company.version + 1,
    });
    await em.save(company);
    return company;
  });
}
