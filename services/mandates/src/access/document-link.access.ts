import { jwtVerify, SignJWT } from 'jose';

/**
 * Who may fetch a mandate document: whoever holds a link the service signed for it. A link names
 * one mandate of one office at one document version and lives 5 minutes: long enough to start a
 * download, short enough that a leaked one is useless; a link to an older version stops working
 * once the document is regenerated.
 */
export interface DocumentGrant {
  codaMandateId: string;
  officeId: string;
  documentVersion: number;
}

export const DOCUMENT_LINK_TTL_MS = 5 * 60_000;
const AUDIENCE = 'mandates:coda-mandate-document';

const keyOf = (secret: string) => new TextEncoder().encode(`mandates-document:${secret}`);

/** A signed token for the grant (HS256 JWT) and when it expires. */
export async function signDocumentGrant(
  grant: DocumentGrant,
  secret: string,
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(now + DOCUMENT_LINK_TTL_MS);
  const token = await new SignJWT({ ...grant })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keyOf(secret));
  return { token, expiresAt };
}

/** The grant of a valid, unexpired token; null for anything else (forged, truncated, expired). */
export async function verifyDocumentGrant(token: string, secret: string): Promise<DocumentGrant | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { audience: AUDIENCE, algorithms: ['HS256'] });
    const { codaMandateId, officeId, documentVersion } = payload as Partial<DocumentGrant>;
    if (
      typeof codaMandateId !== 'string' ||
      typeof officeId !== 'string' ||
      typeof documentVersion !== 'number'
    )
      return null;
    return { codaMandateId, officeId, documentVersion };
  } catch {
    return null;
  }
}
