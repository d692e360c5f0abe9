import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CSV files in the conventions of the software that imports them. Every software
 * gets its usual defaults (all Belgian and French products read `;` with decimal commas and French
 * headers; Yuki, Dutch in origin, Dutch headers; desktop products Windows-1252), and every existing
 * connector, deleted ones included, takes its software's defaults: the comma/dot/English layout it
 * had was never what these products import.
 */
const DEFAULTS: [id: string, headerLanguage: string, encoding: string][] = [
  ['exact-online', 'FR', 'UTF_8'],
  ['octopus', 'FR', 'UTF_8'],
  ['yuki', 'NL', 'UTF_8'],
  ['winbooks', 'FR', 'WINDOWS_1252'],
  ['bob50', 'FR', 'WINDOWS_1252'],
  ['horus', 'FR', 'UTF_8'],
  ['popsy', 'FR', 'WINDOWS_1252'],
  ['cegid', 'FR', 'WINDOWS_1252'],
  ['pennylane', 'FR', 'UTF_8'],
  ['clearfacts', 'FR', 'UTF_8'],
];

const COLUMNS = `
  csv_separator text NOT NULL DEFAULT 'SEMICOLON' CHECK (csv_separator IN ('SEMICOLON', 'COMMA', 'TAB')),
  csv_decimal_mark text NOT NULL DEFAULT 'COMMA' CHECK (csv_decimal_mark IN ('COMMA', 'DOT')),
  csv_header_language text NOT NULL DEFAULT 'FR' CHECK (csv_header_language IN ('FR', 'NL', 'EN')),
  file_encoding text NOT NULL DEFAULT 'UTF_8' CHECK (file_encoding IN ('UTF_8', 'WINDOWS_1252'))`;

export class CsvConventions1732300000004 implements MigrationInterface {
  name = 'CsvConventions1732300000004';

  async up(q: QueryRunner): Promise<void> {
    const add = COLUMNS.split(',\n')
      .map((c) => `ADD COLUMN ${c.trim()}`)
      .join(', ');
    await q.query(`ALTER TABLE connector_software ${add}`);
    await q.query(`ALTER TABLE connector ${add}`);
    for (const [id, headerLanguage, encoding] of DEFAULTS) {
      await q.query(
        `UPDATE connector_software SET csv_header_language = $2, file_encoding = $3 WHERE id = $1`,
        [id, headerLanguage, encoding],
      );
    }
    await q.query(
      `UPDATE connector c SET csv_separator = s.csv_separator, csv_decimal_mark = s.csv_decimal_mark,
              csv_header_language = s.csv_header_language, file_encoding = s.file_encoding
         FROM connector_software s WHERE s.id = c.software_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['connector', 'connector_software']) {
      await q.query(
        `ALTER TABLE ${table} DROP COLUMN csv_separator, DROP COLUMN csv_decimal_mark,
           DROP COLUMN csv_header_language, DROP COLUMN file_encoding`,
      );
    }
  }
}
