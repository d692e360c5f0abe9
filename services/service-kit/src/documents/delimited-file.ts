import { stringify } from 'csv-stringify/sync';

/** A field as written: text, a number, or nothing (an empty field). */
export type DelimitedField = string | number | null | undefined;

/** How a delimited text file separates and protects its fields. */
export interface DelimitedFormat {
  delimiter: string;
  recordDelimiter: '\n' | '\r\n';
  /**
   * `rfc4180`: a field holding the delimiter, a quote or any line break is quoted, its quotes
   * doubled (spreadsheets read it back whole). `none`: formats without quoting (the French FEC):
   * the delimiter and line breaks inside a field become spaces, so a name never splits a line.
   */
  quoting: 'rfc4180' | 'none';
}

/** The French FEC (article A47 A-1 LPF): tab-separated, CRLF, no quoting. */
export const FEC_FORMAT: DelimitedFormat = { delimiter: '\t', recordDelimiter: '\r\n', quoting: 'none' };

/** Writes one line at a time (csv-stringify), so callers stream files of any size line by line. */
export interface DelimitedWriter {
  /** One record, ending with the record delimiter. */
  line(fields: readonly DelimitedField[]): string;
  /** Several records (e.g. one page of rows) as one chunk. */
  lines(records: readonly (readonly DelimitedField[])[]): string;
}

export function delimitedWriter(format: DelimitedFormat): DelimitedWriter {
  const unquoted = format.quoting === 'none';
  const flatten = new RegExp(`[\\r\\n${format.delimiter.replace(/[\\^\]-]/g, '\\$&')}]+`, 'g');
  const options = {
    delimiter: format.delimiter,
    record_delimiter: format.recordDelimiter,
    // csv-stringify quotes a field holding the record delimiter; a lone CR or LF must be quoted too.
    ...(unquoted ? { quote: false } : { quoted_match: /[\r\n]/ }),
    cast: {
      string: (value: string) => (unquoted ? value.replace(flatten, ' ') : value),
      number: (value: number) => String(value),
    },
  };
  const cells = (fields: readonly DelimitedField[]) =>
    fields.map((f) => (f === null || f === undefined ? '' : f));
  const lines = (records: readonly (readonly DelimitedField[])[]) =>
    records.length === 0 ? '' : stringify(records.map(cells), options);
  return { line: (fields) => lines([fields]), lines };
}
