import type { CsvConventions } from './csv-conventions';

/** The columns a connector or software row stores its conventions in. */
export interface CsvConventionColumns {
  csvSeparator: CsvConventions['separator'];
  csvDecimalMark: CsvConventions['decimalMark'];
  csvHeaderLanguage: CsvConventions['headerLanguage'];
  fileEncoding: CsvConventions['encoding'];
}

export function conventionsOf(row: CsvConventionColumns): CsvConventions {
  return {
    separator: row.csvSeparator,
    decimalMark: row.csvDecimalMark,
    headerLanguage: row.csvHeaderLanguage,
    encoding: row.fileEncoding,
  };
}

export function columnsOf(c: CsvConventions): CsvConventionColumns {
  return {
    csvSeparator: c.separator,
    csvDecimalMark: c.decimalMark,
    csvHeaderLanguage: c.headerLanguage,
    fileEncoding: c.encoding,
  };
}
