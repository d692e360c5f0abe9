import { rowsPerKey } from '@fidu/service-kit';
import {
  CARO_COLUMNS,
  CODA_COLUMNS,
  SODA_COLUMNS,
  type CaroOrderRow,
  type CodaMandateRow,
  type SodaMandateRow,
} from '../db/mandate.mapping';
import type { ReadDb } from './mandate-page';

/** Counts of a client's mandates per state. */
export interface SummaryRow {
  coda: { state: string; count: number }[];
  soda: { state: string; count: number }[];
  caro: { state: string; count: number }[];
  toBePresentedAgain: number;
}

const TABLES = {
  coda: { table: 'coda_mandate', columns: CODA_COLUMNS },
  soda: { table: 'soda_mandate', columns: SODA_COLUMNS },
  caro: { table: 'caro_order', columns: CARO_COLUMNS },
} as const;

interface RowsOf {
  coda: CodaMandateRow;
  soda: SodaMandateRow;
  caro: CaroOrderRow;
}

/** The office's mandates of one kind for several clients in one statement, newest first. */
export async function mandatesOfClients<K extends keyof RowsOf>(
  db: ReadDb,
  kind: K,
  officeId: string,
  clientIds: readonly string[],
): Promise<RowsOf[K][][]> {
  const { table, columns } = TABLES[kind];
  const rows = (await db.query(
    `SELECT ${columns} FROM ${table} WHERE office_id = $1 AND client_id = ANY($2::uuid[]) ORDER BY created_at DESC, id DESC`,
    [officeId, [...clientIds]],
  )) as RowsOf[K][];
  return rowsPerKey(clientIds, rows, (r) => r.clientId);
}

/** How many of each client's mandates are in each state, in one statement. */
export async function mandateSummariesOfClients(
  db: ReadDb,
  officeId: string,
  clientIds: readonly string[],
): Promise<SummaryRow[]> {
  const rows = (await db.query(
    `SELECT 'coda' AS kind, client_id AS "clientId", state, count(*)::int AS count, count(*) FILTER (WHERE to_be_presented_again)::int AS again
       FROM coda_mandate WHERE office_id = $1 AND client_id = ANY($2::uuid[]) GROUP BY client_id, state
     UNION ALL
     SELECT 'soda', client_id, state, count(*)::int, 0 FROM soda_mandate WHERE office_id = $1 AND client_id = ANY($2::uuid[]) GROUP BY client_id, state
     UNION ALL
     SELECT 'caro', client_id, state, count(*)::int, 0 FROM caro_order WHERE office_id = $1 AND client_id = ANY($2::uuid[]) GROUP BY client_id, state
     ORDER BY 1, 2, 3`,
    [officeId, [...clientIds]],
  )) as { kind: 'coda' | 'soda' | 'caro'; clientId: string; state: string; count: number; again: number }[];
  const summaries = new Map(
    clientIds.map((id): [string, SummaryRow] => [
      id,
      { coda: [], soda: [], caro: [], toBePresentedAgain: 0 },
    ]),
  );
  for (const r of rows) {
    const s = summaries.get(r.clientId)!;
    s[r.kind].push({ state: r.state, count: r.count });
    s.toBePresentedAgain += r.again;
  }
  return clientIds.map((id) => summaries.get(id)!);
}

/** Name and enterprise number of several clients: only for rows the caller was already allowed to see. */
export async function clientNamesOf(
  db: ReadDb,
  clientIds: readonly string[],
): Promise<({ companyName: string; enterpriseNumber: string | null } | null)[]> {
  const rows = (await db.query(
    `SELECT client_id AS "clientId", company_name AS "companyName", enterprise_number AS "enterpriseNumber" FROM client_directory WHERE client_id = ANY($1::uuid[])`,
    [[...clientIds]],
  )) as { clientId: string; companyName: string; enterpriseNumber: string | null }[];
  const map = new Map(rows.map((r) => [r.clientId, r]));
  return clientIds.map((id) => map.get(id) ?? null);
}
