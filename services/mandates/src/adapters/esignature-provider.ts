import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What the platform asks a signing provider for: a link where the client signs one document version. */
export interface SigningLinkRequest {
  mandateId: string;
  documentVersion: number;
  signerEmail: string | null;
}

export interface SigningLink {
  /** Opaque token naming the signing session; the callback carries it back. */
  token: string;
  /** Where the client signs. */
  url: string;
  expiresAt: Date;
}

/** What the provider's callback (webhook) reports once the client signed. */
export interface SigningCallback {
  token: string;
  signerName: string;
  /** ISO-8601. */
  signedAt: string;
  /** The provider's proof: HMAC-SHA256 over the other fields, hex. */
  signature: string;
}

/** A Twikey-like e-signature provider. */
export interface ESignatureProvider {
  createSigningLink(request: SigningLinkRequest, now: Date): SigningLink;
  /** Whether the callback really comes from the provider (its signature matches). */
  verifyCallback(callback: SigningCallback): boolean;
}

const LINK_VALIDITY_DAYS = 30;

function proof(secret: string, c: Omit<SigningCallback, 'signature'>): string {
  return createHmac('sha256', secret).update(`${c.token}\n${c.signerName}\n${c.signedAt}`).digest('hex');
}

/**
 * The local provider: issues random tokens and signs/verifies callbacks with a shared secret
 * (HMAC-SHA256), as a real provider's webhook signature would be checked.
 */
export function createLocalESignatureProvider(
  secret: string,
  baseUrl = 'https://sign.fidu.local/s/',
): ESignatureProvider {
  return {
    createSigningLink(_request, now) {
      const token = randomBytes(24).toString('base64url');
      return {
        token,
        url: `${baseUrl}${token}`,
        expiresAt: new Date(now.getTime() + LINK_VALIDITY_DAYS * 86_400_000),
      };
    },
    verifyCallback(callback) {
      const expected = Buffer.from(proof(secret, callback), 'hex');
      const given = Buffer.from(/^[0-9a-f]{64}$/i.test(callback.signature) ? callback.signature : '', 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** What the local provider's signing page sends when the client signs (used by tests and the demo). */
export function signLocally(
  secret: string,
  token: string,
  signerName: string,
  signedAt = new Date(),
): SigningCallback {
  const c = { token, signerName, signedAt: signedAt.toISOString() };
  return { ...c, signature: proof(secret, c) };
}
