import { ValidationError } from '@fidu/service-kit/domain';
import { LANGUAGES, type Address, type ClientData, type Language } from './client';
import { InputChecker } from './client-validation';

/** What an office sends to register one client (createClient, or one row of a bulk import). */
export interface NewClientInput {
  enterpriseNumber?: string | null;
  companyName: string;
  clientCode: string;
  email?: string | null;
  phone?: string | null;
  address?: Address | null;
  /** GraphQL's enum guarantees it for createClient; a CSV cell is checked here. */
  language: string;
}

function languageProblem(value: string) {
  return (LANGUAGES as readonly string[]).includes(value)
    ? null
    : {
        field: 'language',
        code: 'CLIENT_LANGUAGE_INVALID',
        message: 'The language must be FR, NL, EN or DE.',
      };
}

/**
 * The rules of a new client, in one place for createClient and bulk imports: every field
 * checked and normalised, every problem listed at once (ValidationError). Uniqueness in the
 * office is left to the database (and, within a file, to the import).
 */
export function validateNewClient(input: NewClientInput): ClientData {
  const check = new InputChecker();
  const language = input.language.trim().toUpperCase();
  const data: ClientData = {
    enterpriseNumber: check.enterpriseNumber(input.enterpriseNumber ?? null) ?? null,
    companyName: check.companyName(input.companyName) ?? '',
    clientCode: check.clientCode(input.clientCode) ?? '',
    email: check.email(input.email ?? null) ?? null,
    phone: check.phone(input.phone ?? null) ?? null,
    address: check.address(input.address ?? null) ?? null,
    language: language as Language,
  };
  const badLanguage = languageProblem(language);
  try {
    check.done();
  } catch (error) {
    if (badLanguage && error instanceof ValidationError)
      throw new ValidationError([...error.problems, badLanguage]);
    throw error;
  }
  if (badLanguage) throw new ValidationError([badLanguage]);
  return data;
}
