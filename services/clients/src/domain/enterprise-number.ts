import { DomainError } from '@fidu/service-kit/domain';

/**
 * Belgian enterprise number (KBO/BCE): 10 digits starting with 0 or 1, the last two being
 * 97 − (first eight mod 97). Accepted as typed by people: "0403.170.701", "BE 0403 170 701",
 * "403170701" (the old 9-digit form gets its leading 0). Stored as the 10 digits.
 */
export function parseEnterpriseNumber(input: string): string {
  const compact = input.replace(/^\s*BE/i, '').replace(/[\s.\-/]/g, '');
  const digits = /^\d{9}$/.test(compact) ? `0${compact}` : compact;
  if (!/^[01]\d{9}$/.test(digits)) {
    throw new DomainError(
      'CLIENT_ENTERPRISE_NUMBER_FORMAT_INVALID',
      'An enterprise number has 10 digits and starts with 0 or 1, e.g. 0403.170.701.',
      'enterpriseNumber',
    );
  }
  const base = Number(digits.slice(0, 8));
  const check = Number(digits.slice(8));
  if (97 - (base % 97) !== check) {
    throw new DomainError(
      'CLIENT_ENTERPRISE_NUMBER_CHECKSUM_INVALID',
      'This enterprise number fails the mod-97 check: a digit is probably mistyped.',
      'enterpriseNumber',
    );
  }
  return digits;
}

/** 0403170701 → 0403.170.701, the way the KBO/BCE shows it. */
export function formatEnterpriseNumber(digits: string): string {
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}
