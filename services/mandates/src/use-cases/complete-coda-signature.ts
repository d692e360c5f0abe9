import type { DataSource } from 'typeorm';
import { DomainError } from '@fidu/service-kit';
import type { ESignatureProvider, SigningCallback } from '../adapters/esignature-provider';
import { CODA_COLUMNS, type CodaMandateRow } from '../db/mandate.mapping';
import { findBank } from '../db/bank.repository';
import type { Caller } from '../domain/caller';
import { moveCodaMandate } from './coda-transitions';

interface SignatureRequestRow {
  id: string;
  codaMandateId: string;
  documentVersion: number;
  status: 'PENDING' | 'COMPLETED';
  expiresAt: Date;
}

/**
 * The e-signature provider's callback (webhook): the client signed. Trusted only when the
 * provider's HMAC matches; the signature must be for the document version still current (a
 * document regenerated since must be presented again). A retried callback is answered again
 * without a second effect.
 */
export async function completeCodaMandateSignature(
  ds: DataSource,
  callback: SigningCallback,
  provider: ESignatureProvider,
  caller: Omit<Caller, 'actor'>,
  now = new Date(),
): Promise<CodaMandateRow> {
  if (typeof callback.token !== 'string' || !provider.verifyCallback(callback)) {
    throw new DomainError(
      'ESIGN_CALLBACK_INVALID',
      'The callback signature does not verify: it does not come from the signing provider.',
      'signature',
    );
  }
  const signedAt = new Date(callback.signedAt);
  if (Number.isNaN(signedAt.getTime()))
    throw new DomainError('ESIGN_CALLBACK_INVALID', 'signedAt is not an ISO-8601 date.', 'signedAt');
  return ds.transaction(async (em) => {
    const [request] = (await em.query(
      `SELECT id, coda_mandate_id AS "codaMandateId", document_version AS "documentVersion", status, expires_at AS "expiresAt"
         FROM signature_request WHERE token = $1 FOR UPDATE`,
      [callback.token],
    )) as SignatureRequestRow[];
    if (!request) throw new DomainError('ESIGN_TOKEN_UNKNOWN', 'No signing session has this token.', 'token');
    const [mandate] = (await em.query(`SELECT ${CODA_COLUMNS} FROM coda_mandate WHERE id = $1 FOR UPDATE`, [
      request.codaMandateId,
    ])) as CodaMandateRow[];
    if (request.status === 'COMPLETED') return mandate!;
    if (request.expiresAt.getTime() < now.getTime())
      throw new DomainError('ESIGN_LINK_EXPIRED', 'This signing link has expired.', 'token');
    if (request.documentVersion !== mandate!.documentVersion) {
      throw new DomainError(
        'ESIGN_DOCUMENT_OUTDATED',
        'The document was regenerated after this link was sent (client data changed): the mandate must be presented again.',
        'token',
      );
    }
    await em.query(
      `UPDATE signature_request SET status = 'COMPLETED', signer_name = $2, completed_at = $3 WHERE id = $1`,
      [request.id, callback.signerName, signedAt],
    );
    const bank = (await findBank(em, mandate!.bankId))!;
    return moveCodaMandate(
      em,
      mandate!,
      'SIGNED',
      `Signed electronically by ${callback.signerName}`,
      { ...caller, actor: 'webhook:esignature' },
      bank.kind,
    );
  });
}
