import { DomainError } from '@fidu/service-kit/domain';

/**
 * Approval number (numéro d'agrément) of an approved company: our rule is exactly 6 digits,
 * leading zeros kept (012345), and not all zeros. People copy it from letters with separators,
 * so spaces, dots and dashes are dropped first. Stored as the 6 digits (text, not a number, so
 * the leading zeros survive).
 */
export function parseApprovalNumber(input: string): string {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{6}$/.test(digits) || /^0+$/.test(digits)) {
    throw new DomainError(
      'TS_APPROVAL_NUMBER_INVALID',
      "An approval number (numéro d'agrément) has 6 digits, e.g. 012345.",
      'approvalNumber',
    );
  }
  return digits;
}
