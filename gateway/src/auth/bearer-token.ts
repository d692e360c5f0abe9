import { SignJWT, jwtVerify } from 'jose';
import type { PartnerType, Principal } from '@fidu/service-kit';

const ISSUER = 'fidu';
const PARTNER_TYPES: PartnerType[] = ['SOCIAL_SECRETARIAT', 'BANK', 'SOFTWARE_VENDOR'];

/** Claims of our bearer tokens: `sub` plus one of office_id / partner / company_id / voucher_user. */
interface Claims {
  sub?: string;
  kind?: string;
  office_id?: string;
  roles?: string[];
  partner_type?: string;
  partner_id?: string;
  company_id?: string;
}

export class InvalidTokenError extends Error {}

/** Turns verified claims into a principal; anything incomplete is an invalid token. */
export function principalFromClaims(c: Claims): Principal {
  const sub = c.sub ?? '';
  switch (c.kind) {
    case 'office':
      if (c.office_id) return { kind: 'office', officeId: c.office_id, userId: sub, roles: c.roles ?? [] };
      break;
    case 'partner':
      if (c.partner_id && PARTNER_TYPES.includes(c.partner_type as PartnerType)) {
        return { kind: 'partner', partnerType: c.partner_type as PartnerType, partnerId: c.partner_id };
      }
      break;
    case 'company':
      if (c.company_id) return { kind: 'company', companyId: c.company_id };
      break;
    case 'voucher_user':
      if (sub) return { kind: 'voucher_user', voucherUserId: sub };
      break;
    case 'operator':
      if (sub) return { kind: 'operator', userId: sub };
      break;
  }
  throw new InvalidTokenError('The token does not name a valid principal.');
}

/** Verifies an `Authorization: Bearer …` token (HS256, our issuer, not expired). */
export async function verifyBearerToken(token: string, secret: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
    });
    return principalFromClaims(payload as Claims);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    throw new InvalidTokenError('The bearer token is invalid or expired.');
  }
}

/** The claims that carry a principal (inverse of principalFromClaims). */
function claimsOf(principal: Principal): Claims {
  switch (principal.kind) {
    case 'office':
      return { kind: 'office', sub: principal.userId, office_id: principal.officeId, roles: principal.roles };
    case 'partner':
      return {
        kind: 'partner',
        sub: principal.partnerId,
        partner_type: principal.partnerType,
        partner_id: principal.partnerId,
      };
    case 'company':
      return { kind: 'company', sub: principal.companyId, company_id: principal.companyId };
    case 'voucher_user':
      return { kind: 'voucher_user', sub: principal.voucherUserId };
    case 'operator':
      return { kind: 'operator', sub: principal.userId };
    case 'anonymous':
      throw new InvalidTokenError('Anonymous callers have no token.');
  }
}

/** Mints a token for a principal (dev command, tests and demo). */
export async function mintToken(principal: Principal, secret: string, ttl = '12h'): Promise<string> {
  const { sub, ...claims } = claimsOf(principal);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setSubject(sub ?? '')
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
