import { jwtVerify, SignJWT } from 'jose';

/** Whose and what for: a link signed for one purpose never opens another (audience and key differ). */
export interface LinkKey {
  /** The secret shared by whoever signs and verifies (the gateway-shared signing secret). */
  secret: string;
  /** e.g. 'connectors-download', 'invoice-pdf', 'prestation-export'. */
  purpose: string;
}

const keyOf = (key: LinkKey) => new TextEncoder().encode(`${key.purpose}:${key.secret}`);

/**
 * The one signed-link scheme: `grant` (what the link allows) in a compact JWS (HS256, jose),
 * audience = purpose, expiring at `expiresAtMs`. The token is URL-safe (base64url and dots).
 */
export async function signLink<G extends object>(
  grant: G,
  key: LinkKey,
  expiresAtMs: number,
): Promise<string> {
  return new SignJWT({ grant: grant as Record<string, unknown> })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(key.purpose)
    .setExpirationTime(Math.ceil(expiresAtMs / 1000))
    .sign(keyOf(key));
}

/** The grant of a valid, unexpired link for this purpose; null for anything else (forged, expired…). */
export async function verifyLink<G extends object>(
  token: string,
  key: LinkKey,
  now = Date.now(),
): Promise<G | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(key), {
      algorithms: ['HS256'],
      audience: key.purpose,
      currentDate: new Date(now),
      requiredClaims: ['exp'],
    });
    const grant = payload.grant;
    return grant && typeof grant === 'object' ? (grant as G) : null;
  } catch {
    return null;
  }
}
