import { SignJWT, type JWTPayload } from 'jose';
import type { Principal } from './principal';
import { DEFAULT_TOKEN_POLICY, mintToken, principalFromClaims, verifyBearerToken } from './bearer-token';

const SECRET = 'test-secret';
const now = () => Math.floor(Date.now() / 1000);
const OFFICE_CLAIMS = { kind: 'office', office_id: 'office-1', roles: ['admin'] };

/** A token with exactly the claims given (nothing added), signed with the right secret. */
function sign(claims: JWTPayload, alg = 'HS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(SECRET));
}

/** Valid registered claims, to which each case adds or removes one thing. */
const valid = (): JWTPayload => ({ iss: 'fidu', sub: 'u1', iat: now(), exp: now() + 3600 });

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

  it('accepts a hand-made token with every required claim (the reference for the refusals below)', async () => {
    expect(await verifyBearerToken(await sign({ ...valid(), ...OFFICE_CLAIMS }), SECRET)).toEqual({
      kind: 'office',
      officeId: 'office-1',
      userId: 'u1',
      roles: ['admin'],
    });
  });

  it('refuses another secret and an expired token', async () => {
    const office: Principal = { kind: 'office', officeId: 'o', userId: 'u', roles: [] };
    await expect(verifyBearerToken(await mintToken(office, 'other'), SECRET)).rejects.toThrow(
      /invalid or expired/,
    );
    await expect(verifyBearerToken(await mintToken(office, SECRET, '-1s'), SECRET)).rejects.toThrow(
      /invalid or expired/,
    );
  });

  it.each<[string, JWTPayload, RegExp]>([
    ['no exp (a token that would never expire)', { exp: undefined }, /"exp" claim/],
    ['no iat', { iat: undefined }, /"iat" claim/],
    ['no iss', { iss: undefined }, /"iss" claim/],
    ['no sub', { sub: undefined }, /"sub" claim/],
    ['another issuer', { iss: 'someone-else' }, /not issued by fidu/],
    [
      'a lifetime above the maximum',
      { exp: now() + DEFAULT_TOKEN_POLICY.maxLifetimeSeconds + 60 },
      /lives longer/,
    ],
    ['an iat in the future', { iat: now() + 3600, exp: now() + 7200 }, /invalid or expired/],
    ['an iat older than the maximum lifetime', { iat: now() - 2 * 24 * 3600 }, /invalid or expired/],
    ['a string as exp', { exp: String(now() + 60) as unknown as number }, /invalid or expired/],
  ])('refuses a token with %s', async (_case, change, reason) => {
    const claims = { ...valid(), ...OFFICE_CLAIMS, ...change };
    for (const key of Object.keys(change))
      if (change[key] === undefined) delete (claims as Record<string, unknown>)[key];
    await expect(verifyBearerToken(await sign(claims), SECRET)).rejects.toThrow(reason);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an object as office_id', { ...OFFICE_CLAIMS, office_id: { $ne: null } }],
    ['a number as office_id', { ...OFFICE_CLAIMS, office_id: 42 }],
    ['an empty office_id', { ...OFFICE_CLAIMS, office_id: '' }],
    ['a string as roles', { ...OFFICE_CLAIMS, roles: 'admin' }],
    ['numbers in roles', { ...OFFICE_CLAIMS, roles: [1, 2] }],
    ['an office without office_id', { kind: 'office' }],
    ['an unknown partner type', { kind: 'partner', partner_type: 'ALIEN', partner_id: 'x' }],
    ['an array as partner_id', { kind: 'partner', partner_type: 'BANK', partner_id: ['a'] }],
    ['an object as company_id', { kind: 'company', company_id: { id: 'c1' } }],
    ['an unknown kind', { kind: 'root' }],
    ['no kind', { office_id: 'office-1' }],
  ])('refuses principal claims with %s', async (_case, claims) => {
    await expect(verifyBearerToken(await sign({ ...valid(), ...claims }), SECRET)).rejects.toThrow(
      /valid principal/,
    );
    expect(() => principalFromClaims({ sub: 'u1', ...claims })).toThrow(/valid principal/);
  });

  it('refuses another algorithm with the same secret', async () => {
    await expect(
      verifyBearerToken(await sign({ ...valid(), ...OFFICE_CLAIMS }, 'HS512'), SECRET),
    ).rejects.toThrow(/invalid or expired/);
  });

  it('follows the configured issuer and lifetime', async () => {
    const policy = { issuer: 'fidu-staging', maxLifetimeSeconds: 600 };
    const office: Principal = { kind: 'office', officeId: 'o', userId: 'u', roles: [] };
    expect(
      await verifyBearerToken(await mintToken(office, SECRET, '10m', 'fidu-staging'), SECRET, policy),
    ).toEqual(office);
    await expect(verifyBearerToken(await mintToken(office, SECRET, '10m'), SECRET, policy)).rejects.toThrow(
      /not issued by fidu-staging/,
    );
    await expect(
      verifyBearerToken(await mintToken(office, SECRET, '11m', 'fidu-staging'), SECRET, policy),
    ).rejects.toThrow(/lives longer than the allowed 600 s/);
  });
});
