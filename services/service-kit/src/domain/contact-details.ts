import { parsePhoneNumberFromString as parsePhone } from 'libphonenumber-js';
import { parsePhoneNumberFromString as parseMobilePhone } from 'libphonenumber-js/mobile';

/**
 * The platform's one rule for e-mail addresses and phone numbers, whichever service stores them
 * (clients, CARO cardholders, approved companies' contacts). Numbers are read as people type them
 * in Belgium — national form (02 547 54 93, 0470/12.34.56) or with a country code (+33 1 …,
 * 0033 1 …) — and stored in E.164 (libphonenumber-js, each country's numbering plan).
 */

/** A local part without spaces, quotes or brackets, then a dotted domain of DNS labels. */
const EMAIL =
  /^[^\s@"'<>()[\],;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

/** An e-mail address as stored (trimmed, lower case), or null when it is not one (at most 254 characters). */
export function normalisedEmail(value: string): string | null {
  const email = value.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** A phone number in E.164, or null when it is not a valid number of its country's length. */
export function normalisedPhone(value: string): string | null {
  const parsed = parsePhone(value, 'BE');
  return parsed?.isValid() ? parsed.number : null;
}

/** A mobile number in E.164 (one that can receive a text message), or null when it is not one. */
export function normalisedMobile(value: string): string | null {
  const parsed = parseMobilePhone(value, 'BE');
  return parsed?.isValid() ? parsed.number : null;
}
