/** One problem of a refused import row, as createClient's validation names it. */
export type ImportProblem = { field: string; code: string; message: string };

/** A row of an import that was not created, and why. */
export interface RefusedRow {
  row: number;
  clientCode: string | null;
  problems: ImportProblem[];
}

/** A client_import row as the service reads it (the table has no entity: it is written in raw SQL). */
export interface ClientImportRow {
  id: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  source: 'LIST' | 'CSV';
  total: number;
  processed: number;
  created: number;
  refused: number;
  refusedRows: RefusedRow[];
  startedAt: Date;
  finishedAt: Date | null;
}

/** The SELECT list that reads a client_import row as a ClientImportRow. */
export const IMPORT_COLUMNS = `id, status, source, total, processed, created, refused, refused_rows AS "refusedRows",
  started_at AS "startedAt", finished_at AS "finishedAt"`;
