import { DomainError, inputExcerpt } from '@fidu/service-kit/domain';

/** IBAN length per country (ISO 13616 registry) for the countries a Belgian office meets most. */
const LENGTHS: Record<string, number> = {
  BE: 16,
  NL: 18,
  FR: 27,
  LU: 20,
  DE: 22,
  GB: 22,
  ES: 24,
  IT: 27,
  IE: 22,
  LT: 20,
};

/** Upper case without spaces: how IBANs are stored and compared. */
export function normalizeIban(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** ISO 13616: country, 2 check digits, BBAN; the number with letters as 10..35 is 1 modulo 97. */
export function isValidIban(value: string): boolean {
  const iban = normalizeIban(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const expected = LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Normalized IBAN, or a typed error naming the offending input. */
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
