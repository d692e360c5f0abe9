import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { availableCodaActions, resentCodaState, type CodaAction } from '../domain/coda-mandate';
import type { MandateDocumentRenderer } from '../documents/mandate-document-renderer';
import type { ESignatureProvider, SigningLink } from '../esignature/esignature-provider';
import type { CodaMandateRow } from '../db/mandate.mapping';
import { findBank, type BankRow } from '../db/bank.repository';
import { requireClient } from '../db/client-directory.repository';
import { requireReason, type Caller } from '../domain/caller';
import { lockCodaMandate, moveCodaMandate } from './coda-transitions';
import { managementSettingsOf } from '../read-models/management-settings.read-model';
import { documentDataOfMandate, documentFileName } from '../read-models/mandate-document.read-model';

export function codaMandateNotFound(field = 'codaMandateId'): DomainError {
  return new DomainError('CODA_MANDATE_NOT_FOUND', 'No such CODA mandate in your office.', field);
}

/**
 * Locks the office's mandate and checks the action is offered now (mode × bank kind × state);
 * otherwise CODA_ACTION_NOT_AVAILABLE, naming the actions that are.
 */
async function withOfferedAction<T>(
  ds: DataSource,
  officeId: string,
  mandateId: string,
  action: CodaAction,
  work: (em: EntityManager, mandate: CodaMandateRow, bank: BankRow) => Promise<T>,
): Promise<T> {
  const id = requireUuid(mandateId, 'codaMandateId');
  return ds.transaction(async (em) => {
    const mandate = await lockCodaMandate(em, id, { officeId });
    if (!mandate) throw codaMandateNotFound();
    const bank = (await findBank(em, mandate.bankId))!;
    const { mode } = await managementSettingsOf(em, officeId);
    const offered = availableCodaActions({ state: mandate.state, signedAt: mandate.signedAt, bank, mode });
    if (!offered.includes(action)) {
      throw new DomainError(
        'CODA_ACTION_NOT_AVAILABLE',
        `${action} is not offered for this mandate (state ${mandate.state}, ${bank.kind} bank, mandates managed by ${mode}).`,
        'codaMandateId',
        { action, availableActions: offered },
      );
    }
    // Any action taken on a re-presented mandate answers the "present again" flag.
    await em.query(`UPDATE coda_mandate SET to_be_presented_again = false WHERE id = $1`, [id]);
    return work(em, { ...mandate, toBePresentedAgain: false }, bank);
  });
}

async function reload(em: EntityManager, id: string, officeId: string): Promise<CodaMandateRow> {
  return (await lockCodaMandate(em, id, { officeId }))!;
}

export async function archiveCodaMandate(
  ds: DataSource,
  officeId: string,
  input: { codaMandateId: string; reason: string },
  caller: Caller,
) {
  const reason = requireReason(input.reason, 'CODA_ARCHIVE_REASON_REQUIRED');
  return withOfferedAction(ds, officeId, input.codaMandateId, 'ARCHIVE', async (em, mandate, bank) => {
    await moveCodaMandate(em, mandate, 'ARCHIVED', reason, caller, bank.kind);
    return reload(em, mandate.id, officeId);
  });
}

export async function resendCodaMandate(
  ds: DataSource,
  officeId: string,
  input: { codaMandateId: string },
  caller: Caller,
) {
  return withOfferedAction(
    ds,
    officeId,
    input.codaMandateId,
    'RESEND_TO_CLIENT',
    async (em, mandate, bank) => {
      await moveCodaMandate(
        em,
        mandate,
        resentCodaState(bank.kind),
        'Mandate sent to the client by the platform',
        caller,
        bank.kind,
      );
      return reload(em, mandate.id, officeId);
    },
  );
}

export interface DownloadedDocument {
  mandate: CodaMandateRow;
  fileName: string;
  contentType: string;
  content: Buffer;
  documentVersion: number;
}

/** Downloads the document to hand to the client: a mandate in preparation counts as sent to the client. */
export async function downloadCodaMandateDocument(
  ds: DataSource,
  officeId: string,
  input: { codaMandateId: string },
  caller: Caller,
  renderer: MandateDocumentRenderer,
): Promise<DownloadedDocument> {
  return withOfferedAction(
    ds,
    officeId,
    input.codaMandateId,
    'DOWNLOAD_DOCUMENT',
    async (em, mandate, bank) => {
      const data = await documentDataOfMandate(em, mandate, bank);
      if (mandate.state === 'IN_PREPARATION') {
        await moveCodaMandate(
          em,
          mandate,
          'SENT_TO_CLIENT',
          'Document downloaded by the office to hand to the client',
          caller,
          bank.kind,
        );
      }
      return {
        mandate: await reload(em, mandate.id, officeId),
        fileName: documentFileName(mandate),
        contentType: 'application/pdf',
        content: await renderer.render(data),
        documentVersion: mandate.documentVersion,
      };
    },
  );
}

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
      return { mandate: await reload(em, mandate.id, officeId), link };
    },
  );
}
