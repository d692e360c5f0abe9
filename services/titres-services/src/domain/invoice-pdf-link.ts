import { signLink, verifyLink, type LinkKey } from '@fidu/service-kit/domain';

/** PDF links live 5 minutes: long enough to start a download, short enough that a leaked one is useless. */
const PDF_LINK_TTL_MS = 5 * 60_000;

const keyOf = (secret: string): LinkKey => ({ secret, purpose: 'invoice-pdf' });

/** A signed link (the kit's, jose) to the invoice's PDF, under `publicUrl` (the gateway's /files/titres-services). */
export async function invoicePdfLink(
  invoice: { id: string; number: string },
  publicUrl: string,
  secret: string,
  now = Date.now(),
): Promise<{ url: string; fileName: string; expiresAt: Date }> {
  const exp = now + PDF_LINK_TTL_MS;
  const token = await signLink({ invoiceId: invoice.id }, keyOf(secret), exp);
  return {
    url: `${publicUrl}/invoices/${invoice.id}.pdf?token=${token}`,
    fileName: `facture-${invoice.number}.pdf`,
    expiresAt: new Date(exp),
  };
}

/** The invoice id a token grants for this path's id; null when forged, expired or for another invoice. */
export async function verifyInvoicePdfToken(
  token: string,
  invoiceId: string,
  secret: string,
  now = Date.now(),
): Promise<string | null> {
  const grant = await verifyLink<{ invoiceId: string }>(token, keyOf(secret), now);
  return grant?.invoiceId === invoiceId ? invoiceId : null;
}
