import {
  composeIBAN,
  friendlyFormatIBAN,
  isSEPACountry,
  isValidBIC,
  validateIBAN,
  ValidationErrorsIBAN,
} from 'ibantools';

/**
 * The one IBAN rule of the platform: an account is accepted when its country belongs to the SEPA
 * scheme (the 27 EU states, EEA states, Switzerland, the United Kingdom, Monaco, San Marino,
 * Andorra, Vatican City, Gibraltar: ibantools' SEPA list) and its IBAN passes ISO 13616 (the
 * country's length and format, check digits mod 97) and the national check digits ibantools knows
 * (e.g. a Belgian account's). Direct debits and bank feeds in this platform are SEPA-only, so an
 * IBAN of any other country (US, TR, …) is refused in every service alike.
 */

/** Upper case, without spaces or dashes: how IBANs are stored and compared. */
export function normalizeIban(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** Why `value` is not an acceptable IBAN (a phrase for a message), or null when it is. */
export function ibanProblem(value: string): string | null {
  const iban = normalizeIban(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban))
    return 'expected two letters, two check digits and the account number';
  if (!isSEPACountry(iban.slice(0, 2))) return 'not a SEPA country';
  const { errorCodes } = validateIBAN(iban, { allowQRIBAN: true });
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength))
    return `wrong length for a ${iban.slice(0, 2)} IBAN`;
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat))
    return `wrong account number format for a ${iban.slice(0, 2)} IBAN`;
  if (errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum)) return 'wrong check digits';
  if (errorCodes.length > 0) return 'wrong national account check digits';
  return null;
}

/** Whether `value` (spaces, dashes and case ignored) is an IBAN the platform accepts. */
export function isValidIban(value: string): boolean {
  return ibanProblem(value) === null;
}

/** BE68 5390 0754 7034: groups of four for display. */
export function formatIban(iban: string): string {
  return friendlyFormatIBAN(normalizeIban(iban)) ?? iban;
}

/**
 * The Belgian IBAN of account number `account` (0 to 9,999,999,999, its first three digits the bank
 * code): the national check digits (the number mod 97, 97 when it divides), then ISO 13616's.
 * Demo data and tests make accounts with it.
 */
export function belgianIban(account: number): string {
  const number = String(account).padStart(10, '0');
  const national = Number(number) % 97 || 97;
  return composeIBAN({ countryCode: 'BE', bban: `${number}${String(national).padStart(2, '0')}` })!;
}

/**
 * Whether `value` is a BIC (ISO 9362: bank code, a known country, location, optional branch) in
 * its canonical upper-case form.
 */
export function isBic(value: string): boolean {
  return value === value.toUpperCase() && isValidBIC(value);
}
