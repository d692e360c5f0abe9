/** Bank code (4 letters), country (2 letters), location (2), optional branch (3): ISO 9362. */
const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

/** Whether `value` is a well-formed BIC (SWIFT code) in its canonical upper-case form. */
export function isBic(value: string): boolean {
  return BIC.test(value);
}
