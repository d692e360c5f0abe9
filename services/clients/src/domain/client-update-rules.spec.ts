import type { ClientData } from './client';
import { planClientUpdate } from './client-update-rules';

const base: ClientData = {
  enterpriseNumber: '0403170701',
  companyName: 'Boulangerie Dupont',
  clientCode: 'DUP001',
  email: null,
  phone: null,
  address: { street: 'Rue Haute 1', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  language: 'FR',
};

describe('planClientUpdate', () => {
  it('lists each changed field with its old and new value', () => {
    const plan = planClientUpdate(base, {
      email: 'info@dupont.be',
      address: { ...base.address!, city: 'Ixelles', postalCode: '1050' },
    });
    expect(plan.changes).toEqual([
      { field: 'email', oldValue: null, newValue: 'info@dupont.be' },
      { field: 'postalCode', oldValue: '1000', newValue: '1050' },
      { field: 'city', oldValue: 'Bruxelles', newValue: 'Ixelles' },
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('refuses to change an enterprise number once set', () => {
    expect(() => planClientUpdate(base, { enterpriseNumber: '0202239951' })).toThrow(
      expect.objectContaining({ code: 'CLIENT_ENTERPRISE_NUMBER_IMMUTABLE' }),
    );
  });

  it('accepts the same enterprise number again as no change', () => {
    expect(planClientUpdate(base, { enterpriseNumber: '0403170701' }).changes).toEqual([]);
  });

  it('lets an empty enterprise number be filled once', () => {
    const plan = planClientUpdate({ ...base, enterpriseNumber: null }, { enterpriseNumber: '0403170701' });
    expect(plan.next.enterpriseNumber).toBe('0403170701');
  });

  it('locks the company name while the enterprise number is empty, even when filling it in the same update', () => {
    const empty = { ...base, enterpriseNumber: null };
    expect(() => planClientUpdate(empty, { companyName: 'Other' })).toThrow(
      expect.objectContaining({ code: 'CLIENT_COMPANY_NAME_LOCKED' }),
    );
    expect(() => planClientUpdate(empty, { companyName: 'Other', enterpriseNumber: '0403170701' })).toThrow(
      expect.objectContaining({ code: 'CLIENT_COMPANY_NAME_LOCKED' }),
    );
  });

  it('accepts a new client code with a folder warning', () => {
    const plan = planClientUpdate(base, { clientCode: 'DUP002' });
    expect(plan.warnings).toEqual([
      expect.objectContaining({ code: 'CLIENT_CODE_CHANGED', field: 'clientCode' }),
    ]);
    expect(plan.next.clientCode).toBe('DUP002');
  });
});
