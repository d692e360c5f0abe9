import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ESignatureProvider, SigningLink } from '../adapters/esignature-provider';
import type { CodaMandateRow } from '../db/mandate.mapping';
import { requireClient } from '../db/client-directory.repository';
import type { Caller } from '../domain/caller';
import { moveCodaMandate } from './coda-transitions';
import { reloadOfficeMandate, withOfferedAction } from './coda-office-action';

/** Sends the client a signing link for the current document version (Twikey-like). */
export async function requestCodaMandateSignature(
  ds: DataSource,
  officeId: string,
  input: { codaMandateId: string },
  caller: Caller,
  provider: ESignatureProvider,
  now = new Date(),
): Promise<{ mandate: CodaMandateRow; link: SigningLink }> {
  return withOfferedAction(
    ds,
    officeId,
    input.codaMandateId,
    'SIGN_ELECTRONICALLY',
    async (em, mandate, bank) => {
      const client = await requireClient(em, officeId, mandate.clientId);
      const link = provider.createSigningLink(
        { mandateId: mandate.id, documentVersion: mandate.documentVersion, signerEmail: client.email },
        now,
      );
      await em.query(
        `INSERT INTO signature_request (id, coda_mandate_id, office_id, token, document_version, status, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'PENDING', $6)`,
        [randomUUID(), mandate.id, officeId, link.token, mandate.documentVersion, link.expiresAt],
      );
      if (mandate.state !== 'SENT_TO_CLIENT') {
        await moveCodaMandate(
          em,
          mandate,
          'SENT_TO_CLIENT',
          'Electronic signing link sent to the client',
          caller,
          bank.kind,
        );
      }
      return { mandate: await reloadOfficeMandate(em, mandate.id, officeId), link };
    },
  );
}
