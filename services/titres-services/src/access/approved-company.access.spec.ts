import type { Principal } from '@fidu/service-kit/domain';
import { companyScopeOf, requireCompany } from './approved-company.access';

const COMPANY = '6f1c1a52-8a4e-4f0e-9a57-0f4d1b1d2c3e';
const office: Principal = { kind: 'office', officeId: 'office-a', userId: 'u1', roles: [] };
const company: Principal = { kind: 'company', companyId: COMPANY };

describe('companyScopeOf', () => {
  it('lets an office see what it registered and a company only itself', () => {
    expect(companyScopeOf(office)).toEqual({ kind: 'office', officeId: 'office-a' });
    expect(companyScopeOf(company)).toEqual({ kind: 'company', companyId: COMPANY });
  });

  it('asks anonymous callers to authenticate and refuses other principals', () => {
    expect(() => companyScopeOf({ kind: 'anonymous' })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(() => companyScopeOf({ kind: 'partner', partnerType: 'BANK', partnerId: 'p' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => companyScopeOf({ kind: 'voucher_user', voucherUserId: 'v' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('refuses a company principal whose id is not a UUID before any SQL', () => {
    expect(() => companyScopeOf({ kind: 'company', companyId: "x' OR 1=1" })).toThrow(
      expect.objectContaining({ code: 'INVALID_ID' }),
    );
  });
});

describe('requireCompany', () => {
  it('returns the company id of a company principal only', () => {
    expect(requireCompany(company)).toBe(COMPANY);
    expect(() => requireCompany(office)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
