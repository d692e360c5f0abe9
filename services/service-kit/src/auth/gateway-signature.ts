import { SignJWT, jwtVerify } from 'jose';
import type { Principal } from './principal';

/** Header in which the gateway forwards the signed principal to subgraphs. */
export const PRINCIPAL_HEADER = 'x-fidu-principal';
/** Header that carries the request id from the gateway to subgraphs (and into logs and events). */
export const REQUEST_ID_HEADER = 'x-request-id';

const ISSUER = 'fidu-gateway';
const AUDIENCE = 'fidu-subgraphs';

/**
 * Signs the principal for one subgraph request. Short-lived (60 s) so a captured header is of
 * little use, and bound to the request id so logs on both sides line up.
 */
export async function signPrincipal(
  principal: Principal,
  requestId: string,
  secret: string,
): Promise<string> {
  return new SignJWT({ principal, rid: requestId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(new TextEncoder().encode(secret));
}

/** Verifies a gateway signature; throws when it is missing, forged, expired or for another audience. */
export async function verifyPrincipal(
  token: string,
  secret: string,
): Promise<{ principal: Principal; requestId: string }> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  return { principal: payload.principal as Principal, requestId: String(payload.rid ?? '') };
}
