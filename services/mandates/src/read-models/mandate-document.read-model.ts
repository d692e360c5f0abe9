import { requireUuid } from '@fidu/service-kit';
import type { MandateDocumentData } from '../domain/mandate-document';
import { findBank, type BankRow } from '../db/bank.repository';
import { requireClient } from '../db/client-directory.repository';
import { CODA_COLUMNS, type CodaMandateRow } from '../db/mandate.mapping';
import type { ReadDb } from './mandate-page';

/** The document of a mandate, generated from the data it was last (re)generated with. */
export async function documentDataOfMandate(
  db: ReadDb,
  mandate: CodaMandateRow,
  bank: BankRow,
): Promise<MandateDocumentData> {
  const client = mandate.documentData ?? (await requireClient(db, mandate.officeId, mandate.clientId));
  const ibans = (
    (await db.query(`SELECT iban FROM bank_account WHERE coda_mandate_id = $1 ORDER BY iban`, [
      mandate.id,
    ])) as { iban: string }[]
  ).map((a) => a.iban);
  return {
    mandateId: mandate.id,
    documentVersion: mandate.documentVersion,
    client: {
      companyName: client.companyName,
      enterpriseNumber: client.enterpriseNumber,
      street: client.street,
      postalCode: client.postalCode,
      city: client.city,
      country: client.country,
      language: client.language,
    },
    bank: { name: bank.name, bic: bank.bic },
    ibans,
    generatedAt: mandate.updatedAt,
  };
}

/** The file name a mandate document is served under. */
export const documentFileName = (m: { id: string; documentVersion: number }) =>
  `coda-mandate-${m.id}-v${m.documentVersion}.pdf`;

/**
 * The document a signed link grants: the office's mandate at that document version; null when the
 * mandate is gone, another office's, or its document was regenerated since (a newer version).
 */
export async function documentOfGrant(
  db: ReadDb,
  grant: { codaMandateId: string; officeId: string; documentVersion: number },
): Promise<{ fileName: string; data: MandateDocumentData } | null> {
  const [mandate] = (await db.query(
    `SELECT ${CODA_COLUMNS} FROM coda_mandate WHERE id = $1 AND office_id = $2 AND document_version = $3`,
    [requireUuid(grant.codaMandateId, 'codaMandateId'), grant.officeId, grant.documentVersion],
  )) as CodaMandateRow[];
  if (!mandate || mandate.documentVersion === 0) return null;
  const bank = await findBank(db, mandate.bankId);
  if (!bank) return null;
  return { fileName: documentFileName(mandate), data: await documentDataOfMandate(db, mandate, bank) };
}
