import type { DataSource } from 'typeorm';
import { IMPORT_COLUMNS, type ClientImportRow } from '../db/client-import.mapping';

/** One import of the office, or null (unknown id or another office's import: the same answer). */
export async function findClientImport(
  ds: DataSource,
  officeId: string,
  id: string,
): Promise<ClientImportRow | null> {
  const [row] = (await ds.query(
    `SELECT ${IMPORT_COLUMNS} FROM client_import WHERE id = $1 AND office_id = $2`,
    [id, officeId],
  )) as ClientImportRow[];
  return row ?? null;
}
