/** The person the platform contacts about a company's invoices and payments (the billing tab). */
export interface FinancialContact {
  name: string;
  /** Lower case. */
  email: string;
  /** E.164; null when not given. */
  phone: string | null;
}

/** Who may read an approved company and act on it, derived from the caller (see `companyScopeOf`). */
export type CompanyScope =
  /** Every company the office registered. */
  | { kind: 'office'; officeId: string }
  /** Only the company signed in. */
  | { kind: 'company'; companyId: string };
