import { DomainError, inputExcerpt, isValidIban, normalizeIban } from '@fidu/service-kit/domain';

/** Normalized IBAN (the kit's one rule: SEPA scheme countries), or a typed error naming the input. */
export function requireIban(value: string, field: string): string {
  if (!isValidIban(value)) {
    throw new DomainError(
      'CODA_IBAN_INVALID',
      `${inputExcerpt(value)} is not a valid IBAN (ISO 13616 check digits).`,
      field,
    );
  }
  return normalizeIban(value);
}
