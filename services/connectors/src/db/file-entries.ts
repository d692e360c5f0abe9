import type { DataSource } from 'typeorm';
import type { FileSelector } from '../domain/download-token';
import type { FileEntry } from '../domain/export-file-format';

/** Rows per keyset read: big enough to be fast, small enough that memory stays flat. */
export const FILE_READ_BATCH = 5000;

/** The WHERE clause of one file's entries (always scoped by office) and its parameters. */
export function fileWhere(file: FileSelector, officeId: string): { sql: string; params: unknown[] } {
  switch (file.kind) {
    case 'export':
      return { sql: `e.export_id = $1 AND e.office_id = $2`, params: [file.exportId, officeId] };
    case 'global':
      return { sql: `e.global_file_id = $1 AND e.office_id = $2`, params: [file.globalFileId, officeId] };
    case 'dossier':
      return {
        sql: `e.office_id = $2 AND e.client_id = $1 AND e.booking_date BETWEEN $3 AND $4`,
        params: [file.clientId, officeId, file.from, file.to],
      };
  }
}

/** How many entries a file holds (one COUNT, no rows read into memory). */
export async function countFileEntries(
  ds: DataSource,
  file: FileSelector,
  officeId: string,
): Promise<number> {
  const { sql, params } = fileWhere(file, officeId);
  const [row] = (await ds.query(`SELECT count(*)::int AS n FROM bank_entry e WHERE ${sql}`, params)) as {
    n: number;
  }[];
  return row!.n;
}

/**
 * A file's entries in delivery order, read by keyset pages on the entry sequence (an index range
 * scan per page, no OFFSET, no long-held cursor): memory holds one page at a time.
 */
export async function* readFileEntries(
  ds: DataSource,
  file: FileSelector,
  officeId: string,
  batchSize = FILE_READ_BATCH,
): AsyncGenerator<FileEntry[]> {
  const { sql, params } = fileWhere(file, officeId);
  const after = params.length + 1;
  let last = '0';
  for (;;) {
    const rows = (await ds.query(
      `SELECT e.seq::text AS seq, coalesce(d.client_code, '') AS "clientCode", coalesce(d.company_name, '') AS "companyName",
              e.iban, e.bank_reference AS "bankReference", to_char(e.booking_date, 'YYYY-MM-DD') AS "bookingDate",
              e.amount_cents::float8 AS "amountCents", e.currency, e.label, e.counterparty_name AS "counterpartyName",
              e.counterparty_iban AS "counterpartyIban"
         FROM bank_entry e LEFT JOIN client_directory d ON d.client_id = e.client_id
        WHERE ${sql} AND e.seq > $${after}
        ORDER BY e.seq LIMIT $${after + 1}`,
      [...params, last, batchSize],
    )) as (FileEntry & { seq: string })[];
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    last = rows[rows.length - 1]!.seq;
  }
}
