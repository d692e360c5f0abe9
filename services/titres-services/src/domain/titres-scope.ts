/**
 * Who may see prestations, wallets and billing: an office (its companies' data), a company (its
 * own), a voucher user (their own prestations and wallet). Built from the caller by
 * `access/titres.access.ts`; every SQL statement is then filtered by it.
 */
export type TitresScope =
  | { kind: 'office'; officeId: string }
  | { kind: 'company'; companyId: string }
  | { kind: 'voucher_user'; voucherUserId: string };

/** An office or company scope: the company side (validate, correct, remises, billing…). */
export type CompanySideScope = Exclude<TitresScope, { kind: 'voucher_user' }>;
