import type { DataSource } from 'typeorm';
import type { MandateDocumentRenderer } from '../documents/mandate-document-renderer';
import type { CodaMandateRow } from '../db/mandate.mapping';
import type { Caller } from '../domain/caller';
import { moveCodaMandate } from './coda-transitions';
import { documentDataOfMandate, documentFileName } from '../read-models/mandate-document.read-model';
import { reloadOfficeMandate, withOfferedAction } from './coda-office-action';

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
        mandate: await reloadOfficeMandate(em, mandate.id, officeId),
        fileName: documentFileName(mandate),
        contentType: 'application/pdf',
        content: await renderer.render(data),
        documentVersion: mandate.documentVersion,
      };
    },
  );
}
