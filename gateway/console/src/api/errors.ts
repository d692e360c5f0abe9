import type { CombinedError } from 'urql';
import { t } from '../i18n';

/** What a refused operation says: messages by input field (`extensions.field`) and the rest. */
export interface ApiErrors {
  byField: Record<string, string>;
  general: string[];
  codes: string[];
}

export const NO_ERRORS: ApiErrors = { byField: {}, general: [], codes: [] };

interface Problem {
  code: string;
  field?: string;
  message: string;
}

/** Splits a urql error into field messages (shown next to the field) and general ones. */
export function apiErrorsOf(error: CombinedError | undefined): ApiErrors {
  if (!error) return NO_ERRORS;
  const result: ApiErrors = { byField: {}, general: [], codes: [] };
  if (error.networkError && error.graphQLErrors.length === 0) result.general.push(t.errors.network);
  for (const e of error.graphQLErrors) {
    // A validation error lists every problem (extensions.problems); others name one field.
    const problems = (e.extensions?.problems as Problem[] | undefined) ?? [
      {
        code: String(e.extensions?.code ?? ''),
        field: e.extensions?.field as string | undefined,
        message: e.message,
      },
    ];
    for (const { code, field, message } of problems) {
      const text = code ? `${message} (${code})` : message;
      if (code) result.codes.push(code);
      if (code === 'UNAUTHENTICATED') result.general.push(t.errors.unauthenticated);
      else if (field) result.byField[field.replace(/^input\./, '')] = text;
      else result.general.push(text);
    }
  }
  return result;
}
