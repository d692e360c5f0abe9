import { createHmac, timingSafeEqual } from 'node:crypto';

/** PDF links live 5 minutes: long enough to start a download, short enough that a leaked one is useless. */
const PDF_LINK_TTL_MS = 5 * 60_000;

function mac(body: string, secret: string): string {
  return createHmac('sha256', `invoice-pdf:${secret}`).update(body).digest('base64url');
}

/** A signed link to the invoice's PDF, under `publicUrl` (the gateway's /files/titres-services). */
export function invoicePdfLink(
  invoice: { id: string; number: string },
  publicUrl: string,
  secret: string,
  now = Date.now(),
): { url: string; fileName: string; expiresAt: Date } {
  const exp = now + PDF_LINK_TTL_MS;
  const body = Buffer.from(JSON.stringify({ invoiceId: invoice.id, exp })).toString('base64url');
  return {
    url: `${publicUrl}/invoices/${invoice.id}.pdf?token=${body}.${mac(body, secret)}`,
    fileName: `facture-${invoice.number}.pdf`,
    expiresAt: new Date(exp),
  };
}

/** The invoice id a token grants for this path's id; null when forged, expired or for another invoice. */
export function verifyInvoicePdfToken(
  token: string,
  invoiceId: string,
  secret: string,
  now = Date.now(),
): string | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const grant = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
      invoiceId: string;
      exp: number;
    };
    return typeof grant.exp === 'number' && grant.exp > now && grant.invoiceId === invoiceId
      ? invoiceId
      : null;
  } catch {
    return null;
  }
}
