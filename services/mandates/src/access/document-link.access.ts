import { signLink, verifyLink } from '@fidu/service-kit/domain';

/**
 * Who may fetch a mandate document: whoever holds a link the service signed for it (the kit's one
 * signed-link scheme). A link names one mandate of one office at one document version and lives 5
 * minutes: long enough to start a download, short enough that a leaked one is useless; a link to an
 * older version stops working once the document is regenerated.
 */
export interface DocumentGrant {
  codaMandateId: string;
  officeId: string;
  documentVersion: number;
}

export const DOCUMENT_LINK_TTL_MS = 5 * 60_000;
const PURPOSE = 'mandate-document';

/** A signed token for the grant and when it expires. */
export async function signDocumentGrant(
  grant: DocumentGrant,
  secret: string,
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(now + DOCUMENT_LINK_TTL_MS);
  const token = await signLink(grant, { secret, purpose: PURPOSE }, expiresAt.getTime());
  return { token, expiresAt };
}

/** The grant of a valid, unexpired token; null for anything else (forged, truncated, expired). */
export async function verifyDocumentGrant(token: string, secret: string): Promise<DocumentGrant | null> {
  const grant = await verifyLink<Partial<DocumentGrant>>(token, { secret, purpose: PURPOSE });
  if (
    !grant ||
    typeof grant.codaMandateId !== 'string' ||
    typeof grant.officeId !== 'string' ||
    typeof grant.documentVersion !== 'number'
  )
    return null;
  return {
    codaMandateId: grant.codaMandateId,
    officeId: grant.officeId,
    documentVersion: grant.documentVersion,
  };
}
