import { InputProblems, inputExcerpt, normalisedEmail, normalisedPhone } from '@fidu/service-kit/domain';
import type { Address } from './client';
import { parseEnterpriseNumber } from './enterprise-number';

/** A client code names the folder files are delivered to: no separators or spaces. */
const CLIENT_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,29}$/;
const POSTAL_CODES: Record<string, RegExp> = {
  BE: /^\d{4}$/,
  LU: /^\d{4}$/,
  FR: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/,
  DE: /^\d{5}$/,
};
const COUNTRIES = new Set(['BE', 'FR', 'NL', 'LU', 'DE', 'GB', 'IE', 'ES', 'IT', 'PT', 'CH', 'AT']);

/** Checks a client's fields, collecting every problem of one input (see InputProblems). */
export class InputChecker extends InputProblems {
  /** null asks to clear a field the client cannot be without: refused like an empty name. */
  companyName(value: string | null | undefined): string | undefined {
    if (value === undefined) return undefined;
    const trimmed = (value ?? '').trim();
    if (trimmed.length < 1 || trimmed.length > 200) {
      this.add(
        'companyName',
        'CLIENT_COMPANY_NAME_INVALID',
        'The company name must have 1 to 200 characters.',
      );
    }
    return trimmed;
  }

  clientCode(value: string | null | undefined): string | undefined {
    if (value === undefined) return undefined;
    const trimmed = (value ?? '').trim();
    if (!CLIENT_CODE.test(trimmed)) {
      this.add(
        'clientCode',
        'CLIENT_CODE_INVALID',
        'The client code has 1 to 30 letters, digits, dots, dashes or underscores (it names a delivery folder).',
      );
    }
    return trimmed;
  }

  email(value: string | null | undefined, field = 'email'): string | null | undefined {
    if (value === undefined || value === null) return value;
    const email = normalisedEmail(value);
    if (email === null)
      this.add(field, 'CLIENT_EMAIL_INVALID', `${inputExcerpt(value)} is not a valid e-mail address.`);
    return email ?? value.trim().toLowerCase();
  }

  /** A language is required once given: null cannot clear it. */
  language<L extends string>(value: L | null | undefined): L | undefined {
    if (value === null)
      this.add('language', 'CLIENT_LANGUAGE_INVALID', 'The language cannot be cleared (FR, NL, EN or DE).');
    return value ?? undefined;
  }

  /** Stored in E.164; Belgian numbers may be typed in national form. */
  phone(value: string | null | undefined): string | null | undefined {
    if (value === undefined || value === null) return value;
    const phone = normalisedPhone(value);
    if (phone === null)
      this.add('phone', 'CLIENT_PHONE_INVALID', `${inputExcerpt(value)} is not a valid phone number.`);
    return phone ?? value;
  }

  enterpriseNumber(value: string | null | undefined): string | null | undefined {
    if (value === undefined || value === null) return value;
    return this.parsed(value, parseEnterpriseNumber, 'enterpriseNumber');
  }

  address(value: Address | null | undefined): Address | null | undefined {
    if (value === undefined || value === null) return value;
    const address = {
      street: value.street.trim(),
      postalCode: value.postalCode.trim().toUpperCase(),
      city: value.city.trim(),
      country: value.country.trim().toUpperCase(),
    };
    const bad = (field: string, message: string) =>
      this.add(`address.${field}`, 'CLIENT_ADDRESS_INVALID', message);
    if (address.street.length < 1 || address.street.length > 200)
      bad('street', 'The street must have 1 to 200 characters.');
    if (address.city.length < 1 || address.city.length > 100)
      bad('city', 'The city must have 1 to 100 characters.');
    if (!COUNTRIES.has(address.country))
      bad('country', `Unsupported country ${inputExcerpt(value.country)} (ISO 3166 alpha-2, e.g. BE).`);
    const postal = POSTAL_CODES[address.country] ?? /^[A-Z0-9 -]{2,10}$/;
    if (!postal.test(address.postalCode))
      bad(
        'postalCode',
        `${inputExcerpt(value.postalCode)} is not a postal code of ${inputExcerpt(address.country)}.`,
      );
    return address;
  }
}
