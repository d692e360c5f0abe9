/** The client data printed on a CODA mandate document: a change of any of them re-presents it. */
export interface DocumentClientData {
  companyName: string;
  enterpriseNumber: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  language: string;
}

export const DOCUMENT_FIELDS = [
  'companyName',
  'enterpriseNumber',
  'street',
  'postalCode',
  'city',
  'country',
  'language',
] as const;

/** The printed data of a client record (the client directory's entry has these fields and more). */
export function documentDataOf(entry: DocumentClientData): DocumentClientData {
  return {
    companyName: entry.companyName,
    enterpriseNumber: entry.enterpriseNumber,
    street: entry.street,
    postalCode: entry.postalCode,
    city: entry.city,
    country: entry.country,
    language: entry.language,
  };
}

/** Fields whose printed value differs between the document and the client's current data. */
export function changedDocumentFields(printed: DocumentClientData, current: DocumentClientData): string[] {
  return DOCUMENT_FIELDS.filter((f) => (printed[f] ?? null) !== (current[f] ?? null));
}

/** Everything a mandate document shows. */
export interface MandateDocumentData {
  mandateId: string;
  documentVersion: number;
  client: DocumentClientData;
  bank: { name: string; bic: string };
  ibans: string[];
  generatedAt: Date;
}
