import type { Principal } from '@fidu/service-kit';
import { verifyBearerToken, type TokenPolicy } from '@fidu/service-kit/bearer-token';

/** Distinct tokens remembered; past this the oldest is forgotten (and verified again if it returns). */
const MAX_TOKENS = 10_000;

/**
 * verifyBearerToken with a memory: a client sends the same token with every request, and verifying
 * it again (HMAC, claims, schema) was a share of the gateway's work per request. A token is
 * remembered only once fully verified, under its exact text, with its `exp`: it is refused from
 * its expiry on exactly as jose refuses it, and its lifetime was checked against the policy when
 * it was verified (exp − iat within the limit, so `exp` comes before iat + maxLifetimeSeconds).
 * Only verified tokens are kept, so a flood of bad tokens cannot fill it.
 */
export function createTokenVerifier(secret: string, policy: TokenPolicy) {
  const verified = new Map<string, { principal: Principal; exp: number }>();
  return async (token: string): Promise<Principal> => {
    const known = verified.get(token);
    if (known) {
      if (Math.floor(Date.now() / 1000) < known.exp) return known.principal;
      verified.delete(token);
    }
    const principal = await verifyBearerToken(token, secret, policy);
    const exp = expiryOf(token);
    if (exp !== undefined) {
      if (verified.size >= MAX_TOKENS) verified.delete(verified.keys().next().value!);
      // Shared by every request that presents the token: nobody may change it.
      verified.set(token, { principal: deepFreeze(principal), exp });
    }
    return principal;
  };
}

/** The `exp` claim of a token that has just been verified (so its payload is well-formed JSON). */
function expiryOf(token: string): number | undefined {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    exp?: unknown;
  };
  return typeof payload.exp === 'number' ? payload.exp : undefined;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
