import { mintToken, principalFromClaims, verifyBearerToken } from './bearer-token';
import type { Principal } from '@fidu/service-kit';

const SECRET = 'test-secret';

describe('bearer tokens', () => {
  it.each<Principal>([
    { kind: 'office', officeId: 'office-1', userId: 'u1', roles: ['admin'] },
    { kind: 'partner', partnerType: 'SOCIAL_SECRETARIAT', partnerId: 'securex' },
    { kind: 'company', companyId: 'c1' },
    { kind: 'voucher_user', voucherUserId: 'v1' },
    { kind: 'operator', userId: 'op1' },
  ])('round-trips the principal %j', async (principal) => {
    expect(await verifyBearerToken(await mintToken(principal, SECRET), SECRET)).toEqual(principal);
  });

  it('refuses another secret, an expired token and incomplete claims', async () => {
    const office: Principal = { kind: 'office', officeId: 'o', userId: 'u', roles: [] };
    await expect(verifyBearerToken(await mintToken(office, 'other'), SECRET)).rejects.toThrow(
      /invalid or expired/,
    );
    await expect(verifyBearerToken(await mintToken(office, SECRET, '-1s'), SECRET)).rejects.toThrow(
      /invalid or expired/,
    );
    expect(() => principalFromClaims({ kind: 'office' })).toThrow(/valid principal/);
    expect(() => principalFromClaims({ kind: 'partner', partner_id: 'x', partner_type: 'ALIEN' })).toThrow(
      /valid principal/,
    );
  });
});
