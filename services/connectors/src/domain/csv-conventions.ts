import { DomainError } from '@fidu/service-kit/domain';

/**
 * How an accounting software expects a CSV file: Belgian and French products read
 * `;` with decimal commas and headers in the office's language; older desktop products read
 * Windows-1252. A property of the connector, defaulted from its software, overridable by the office.
 */
export const CSV_SEPARATORS = ['SEMICOLON', 'COMMA', 'TAB'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];
export const DECIMAL_MARKS = ['COMMA', 'DOT'] as const;
export type DecimalMark = (typeof DECIMAL_MARKS)[number];
export const HEADER_LANGUAGES = ['FR', 'NL', 'EN'] as const;
export type HeaderLanguage = (typeof HEADER_LANGUAGES)[number];
export const FILE_ENCODINGS = ['UTF_8', 'WINDOWS_1252'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

export interface CsvConventions {
  separator: CsvSeparator;
  decimalMark: DecimalMark;
  headerLanguage: HeaderLanguage;
  encoding: FileEncoding;
}

/** The layout files had before item 5 (RFC 4180 as written by spreadsheet tools in English). */
export const STANDARD_CSV_CONVENTIONS: CsvConventions = {
  separator: 'COMMA',
  decimalMark: 'DOT',
  headerLanguage: 'EN',
  encoding: 'UTF_8',
};

export const SEPARATOR_CHAR: Record<CsvSeparator, string> = { SEMICOLON: ';', COMMA: ',', TAB: '\t' };
export const DECIMAL_CHAR: Record<DecimalMark, string> = { COMMA: ',', DOT: '.' };
/** iconv-lite names; Windows-1252 is what "ANSI" means to Belgian and French desktop software. */
export const ENCODING_NAME: Record<FileEncoding, string> = { UTF_8: 'utf-8', WINDOWS_1252: 'windows-1252' };

/** What an office asks to change; a field left out or null keeps the base's. */
export type CsvConventionsInput = { [K in keyof CsvConventions]?: CsvConventions[K] | null };

function pick<T extends string>(value: unknown, allowed: readonly T[], field: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (!allowed.includes(value as T)) {
    throw new DomainError(
      'CONNECTOR_CSV_CONVENTION_INVALID',
      `${field} must be one of ${allowed.join(', ')}.`,
      field,
    );
  }
  return value as T;
}

/**
 * The conventions an office asks for on top of a base (the software's defaults or the connector's
 * current ones). A decimal mark equal to the separator would make amounts unreadable: refused.
 */
export function mergeCsvConventions(
  base: CsvConventions,
  input?: CsvConventionsInput | null,
): CsvConventions {
  const merged: CsvConventions = {
    separator: pick(input?.separator, CSV_SEPARATORS, 'csvConventions.separator') ?? base.separator,
    decimalMark: pick(input?.decimalMark, DECIMAL_MARKS, 'csvConventions.decimalMark') ?? base.decimalMark,
    headerLanguage:
      pick(input?.headerLanguage, HEADER_LANGUAGES, 'csvConventions.headerLanguage') ?? base.headerLanguage,
    encoding: pick(input?.encoding, FILE_ENCODINGS, 'csvConventions.encoding') ?? base.encoding,
  };
  if (SEPARATOR_CHAR[merged.separator] === DECIMAL_CHAR[merged.decimalMark]) {
    throw new DomainError(
      'CONNECTOR_CSV_CONVENTION_INVALID',
      'The decimal mark cannot be the separator: amounts would split into two columns.',
      'csvConventions.decimalMark',
    );
  }
  return merged;
}
