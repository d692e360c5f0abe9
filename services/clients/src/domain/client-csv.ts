import { parse } from 'csv-parse/sync';
import { DomainError } from '@fidu/service-kit/domain';
import type { NewClientInput } from './new-client';

/**
 * Columns of a client import file, in the header row (any order, any case). Only the first three
 * are required; an address is taken when any of its four columns is filled (then all are checked).
 */
export const CSV_COLUMNS = [
  'client_code',
  'company_name',
  'language',
  'enterprise_number',
  'email',
  'phone',
  'street',
  'postal_code',
  'city',
  'country',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: Column[] = ['client_code', 'company_name', 'language'];

/** One data row of the file: its line number (the header is line 1) and what it asks for. */
export interface CsvClientRow {
  row: number;
  input: NewClientInput;
}

function csvInvalid(message: string): DomainError {
  return new DomainError('CLIENT_IMPORT_CSV_INVALID', message, 'csv');
}

/**
 * Reads a `;`-separated UTF-8 file (BOM, quotes and CRLF as spreadsheets write them) into rows.
 * A malformed file (no header, unknown or missing columns, unbalanced quotes) is refused whole:
 * its row numbers could not be trusted.
 */
export function parseClientCsv(text: string): CsvClientRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with the line it was read from (the typings do not follow the option).
    records = (parse as (input: string, options: object) => typeof records)(text, {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    });
  } catch (error) {
    throw csvInvalid(`The file is not a valid ;-separated CSV (${(error as Error).message.slice(0, 200)}).`);
  }
  const [header, ...lines] = records;
  if (!header) throw csvInvalid('The file is empty: a header row is expected.');
  const names = header.record.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (unknown.length > 0 || missing.length > 0 || new Set(names).size !== names.length) {
    throw csvInvalid(
      `Header columns must be among ${CSV_COLUMNS.join(';')} (once each)` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown: ${unknown.slice(0, 5).join(', ')}` : ''),
    );
  }
  const at = Object.fromEntries(names.map((n, i) => [n, i])) as Partial<Record<Column, number>>;
  return lines.map(({ record: cells, info }) => {
    const cell = (c: Column) => (at[c] === undefined ? '' : (cells[at[c]] ?? '').trim());
    const optional = (c: Column) => cell(c) || null;
    const hasAddress = ['street', 'postal_code', 'city', 'country'].some((c) => cell(c as Column) !== '');
    return {
      // The line of the file (the header is line 1), as a spreadsheet shows it.
      row: info.lines,
      input: {
        clientCode: cell('client_code'),
        companyName: cell('company_name'),
        language: cell('language'),
        enterpriseNumber: optional('enterprise_number'),
        email: optional('email'),
        phone: optional('phone'),
        address: hasAddress
          ? {
              street: cell('street'),
              postalCode: cell('postal_code'),
              city: cell('city'),
              country: cell('country'),
            }
          : null,
      },
    };
  });
}
