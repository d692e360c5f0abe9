/** Lengths of the IBANs of SEPA countries a Belgian or French dossier's bank is likely in (ISO 13616). */
const IBAN_LENGTHS: Record<string, number> = {
  BE: 16,
  FR: 27,
  NL: 18,
  LU: 20,
  DE: 22,
  ES: 24,
  IT: 27,
  PT: 25,
  IE: 22,
  AT: 20,
  CH: 21,
  GB: 22,
  MC: 27,
};

/** Upper case, without spaces; what the rest of the service stores and compares. */
export function normalizeIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** ISO 13616 check: known country length, then mod 97 of the rearranged number is 1. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}
