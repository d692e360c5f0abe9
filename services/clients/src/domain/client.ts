/** Languages a client can be contacted in. */
export const LANGUAGES = ['FR', 'NL', 'EN', 'DE'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Address {
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** The client's master data, as the rules see it (no persistence concerns). */
export interface ClientData {
  enterpriseNumber: string | null;
  companyName: string;
  clientCode: string;
  email: string | null;
  phone: string | null;
  address: Address | null;
  language: Language;
}

/** A field that changed, with its old and new value as text (null = empty). */
export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** Informative message that does not block a change (e.g. a changed client code moves the delivery folder). */
export interface Warning {
  code: string;
  message: string;
  field: string;
}
