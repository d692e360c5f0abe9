import { DomainError, inputExcerpt } from '@fidu/service-kit/domain';

/** Lengths of the IBANs of the SEPA countries a Belgian company may debit from. */
const IBAN_LENGTHS: Record<string, number> = {
  BE: 16,
  NL: 18,
  LU: 20,
  FR: 27,
  DE: 22,
  ES: 24,
  IT: 27,
  PT: 25,
  AT: 20,
  IE: 22,
  FI: 18,
  GR: 27,
  CH: 21,
  GB: 22,
  DK: 18,
  SE: 24,
  NO: 15,
  PL: 28,
  CZ: 24,
  SK: 24,
  SI: 19,
  HR: 21,
  HU: 28,
  RO: 24,
  BG: 22,
  EE: 20,
  LV: 21,
  LT: 20,
  CY: 28,
  MT: 31,
  MC: 27,
  SM: 27,
  LI: 21,
  IS: 26,
};

/** mod 97 of the rearranged IBAN (ISO 13616), computed piecewise so no big integers are needed. */
function mod97(digits: string): number {
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + Number(ch)) % 97;
  return rest;
}

/**
 * Normalises and checks an IBAN: spaces and dashes dropped, upper case, known SEPA country with
 * its length, and the ISO 13616 check (mod 97 = 1). Belgian IBANs also pass the national check
 * (the last two digits of the BBAN are its first ten digits mod 97, 97 when 0).
 */
export function parseIban(input: string, field = 'iban'): string {
  const iban = input.replace(/[\s-]/g, '').toUpperCase();
  const fail = (why: string) =>
    new DomainError('TS_IBAN_INVALID', `${inputExcerpt(input)} is not a valid IBAN: ${why}.`, field);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban))
    throw fail('expected two letters, two check digits and the account number');
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected === undefined) throw fail('not a SEPA country');
  if (iban.length !== expected) throw fail(`a ${iban.slice(0, 2)} IBAN has ${expected} characters`);
  const rearranged = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) =>
    String(c.charCodeAt(0) - 55),
  );
  if (mod97(rearranged) !== 1) throw fail('wrong check digits');
  if (iban.startsWith('BE')) {
    const bban = iban.slice(4);
    const check = Number(bban.slice(0, 10)) % 97 || 97;
    if (check !== Number(bban.slice(10))) throw fail('wrong Belgian account check digits');
  }
  return iban;
}

/** BE68 5390 0754 7034: groups of four for display. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}
