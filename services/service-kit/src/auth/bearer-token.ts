/**
 * The API's bearer tokens (HS256 JWT <-> principal): verified by the gateway, minted by the token
 * command, the `npm start` launcher and tests. In the kit so that none of those imports the gateway;
 * reached through `@fidu/service-kit/bearer-token`, which loads only jose and zod, so the token
 * command starts in a blink.
 */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { PartnerType, Principal } from './principal';

/** What a bearer token must carry beyond a valid HS256 signature (config: JWT_ISSUER, JWT_MAX_LIFETIME_SECONDS). */
export interface TokenPolicy {
  /** Expected `iss`; the token command mints it. */
  issuer: string;
  /** At most this many seconds between `iat` and `exp`: no token lives longer, none lives for ever. */
  maxLifetimeSeconds: number;
}

export const DEFAULT_TOKEN_POLICY: TokenPolicy = { issuer: 'fidu', maxLifetimeSeconds: 24 * 3600 };

const PARTNER_TYPES = [
  'SOCIAL_SECRETARIAT',
  'BANK',
  'SOFTWARE_VENDOR',
] as const satisfies readonly PartnerType[];

/** An identifier claim: a non-empty string of sane length (never an object, number or array). */
const id = z.string().min(1).max(200);

/** Claims of our bearer tokens: `sub` plus one of office_id / partner / company_id / voucher_user. */
const ClaimsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('office'), sub: id, office_id: id, roles: z.array(id).max(50).optional() }),
  z.object({ kind: z.literal('partner'), partner_type: z.enum(PARTNER_TYPES), partner_id: id }),
  z.object({ kind: z.literal('company'), company_id: id }),
  z.object({ kind: z.literal('voucher_user'), sub: id }),
  z.object({ kind: z.literal('operator'), sub: id }),
]);

type Claims = z.infer<typeof ClaimsSchema>;

export class InvalidTokenError extends Error {}

/** Turns verified claims into a principal; anything incomplete or of the wrong type is an invalid token. */
export function principalFromClaims(raw: unknown): Principal {
  const parsed = ClaimsSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidTokenError('The token does not name a valid principal.');
  const c = parsed.data;
  switch (c.kind) {
    case 'office':
      return { kind: 'office', officeId: c.office_id, userId: c.sub, roles: c.roles ?? [] };
    case 'partner':
      return { kind: 'partner', partnerType: c.partner_type, partnerId: c.partner_id };
    case 'company':
      return { kind: 'company', companyId: c.company_id };
    case 'voucher_user':
      return { kind: 'voucher_user', voucherUserId: c.sub };
    case 'operator':
      return { kind: 'operator', userId: c.sub };
  }
}

/** The refusal a caller sees: precise about what is missing, silent about signature details. */
function refusalOf(error: unknown, policy: TokenPolicy): InvalidTokenError {
  if (error instanceof InvalidTokenError) return error;
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') {
      return new InvalidTokenError(`The bearer token must carry the "${error.claim}" claim.`);
    }
    if (error.claim === 'iss')
      return new InvalidTokenError(`The bearer token was not issued by ${policy.issuer}.`);
  }
  return new InvalidTokenError('The bearer token is invalid or expired.');
}

/**
 * Verifies an `Authorization: Bearer …` token: HS256 with our secret, `iss` as configured, `exp`,
 * `iat` and `sub` present, `iat` not in the future, a lifetime (exp − iat) within the policy, and
 * principal claims of the right shape.
 */
export async function verifyBearerToken(
  token: string,
  secret: string,
  policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: policy.issuer,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'iss', 'sub'],
      // Also refuses an `iat` in the future.
      maxTokenAge: policy.maxLifetimeSeconds,
    });
    if (payload.exp! - payload.iat! > policy.maxLifetimeSeconds) {
      throw new InvalidTokenError(
        `The bearer token lives longer than the allowed ${policy.maxLifetimeSeconds} s (exp − iat).`,
      );
    }
    return principalFromClaims(payload);
  } catch (error) {
    throw refusalOf(error, policy);
  }
}

/** The claims that carry a principal (inverse of principalFromClaims). */
function claimsOf(principal: Principal): Claims & { sub?: string } {
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

/** Mints a token for a principal (dev command, tests and demo): `iss`, `sub`, `iat` and `exp` set. */
export async function mintToken(
  principal: Principal,
  secret: string,
  ttl: string | number = '12h',
  issuer: string = DEFAULT_TOKEN_POLICY.issuer,
): Promise<string> {
  const { sub, ...claims } = claimsOf(principal);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setSubject(sub ?? '')
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
