import { DomainError } from '@fidu/service-kit/domain';

/** Added before the first nine digits of people born in 2000 or later before the mod-97 check. */
const BORN_2000_OR_LATER = 2_000_000_000;

/**
 * Belgian national number (NISS/INSZ, also bis numbers): 11 digits YYMMDD SSS CC where CC is
 * 97 − (first nine digits mod 97), or — for people born in 2000 or later — 97 − (2 followed by the
 * nine digits, mod 97). The birth year is not in the number, so either check is accepted.
 * Accepted as typed by people: "85.07.30-033.28", "85073003328". Stored as the 11 digits.
 */
export function parseNiss(input: string): string {
  const digits = input.replace(/[\s.\-/]/g, '');
  if (!/^\d{11}$/.test(digits)) {
    throw new DomainError(
      'TS_NISS_FORMAT_INVALID',
      'A national number (NISS) has 11 digits, e.g. 85.07.30-033.28.',
      'niss',
    );
  }
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  if (97 - (base % 97) !== check && 97 - ((BORN_2000_OR_LATER + base) % 97) !== check) {
    throw new DomainError(
      'TS_NISS_CHECKSUM_INVALID',
      'This national number (NISS) fails the mod-97 check: a digit is probably mistyped.',
      'niss',
    );
  }
  return digits;
}

/** 85073003328 → 85.07.30-033.28, the way it is printed on Belgian identity documents. */
export function formatNiss(digits: string): string {
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9)}`;
}
