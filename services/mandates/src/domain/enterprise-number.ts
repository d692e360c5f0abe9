/**
 * 0403170701 → 0403.170.701, the way the KBO/BCE shows it (and the way a mandate document prints
 * it). The clients service sends the 10 digits; anything else is shown as received.
 */
export function formatEnterpriseNumber(digits: string): string {
  if (!/^\d{10}$/.test(digits)) return digits;
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}
