import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { createClientDirectoryLoader, tenantOf, type Principal } from '@fidu/service-kit';
import { historyOf } from '../db/history.repository';
import {
  BANK_ACCOUNT_COLUMNS,
  CARO_COLUMNS,
  CODA_COLUMNS,
  SODA_COLUMNS,
  type BankAccountRow,
  type CaroOrderRow,
  type CodaMandateRow,
  type HistoryRow,
  type SodaMandateRow,
} from '../db/mandate-rows';
import type { ReferenceDataRepository } from '../db/reference-data.repository';
import { managementSettingsOf } from '../use-cases/management-mode';

/** Counts of a client's mandates per state. */
export interface SummaryRow {
  coda: { state: string; count: number }[];
  soda: { state: string; count: number }[];
  caro: { state: string; count: number }[];
  toBePresentedAgain: number;
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** A value computed once per request, on first use. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}

/**
 * Per-request loaders, scoped to the caller's office: one SQL statement for any number of keys
 * asked for in one tick, and another office's rows are simply not found. Loaders keyed by
 * mandate ids (accounts, history) are reached only through mandates the caller may see.
 */
export function createMandatesLoaders(
  ds: DataSource,
  principal: Principal,
  referenceData: ReferenceDataRepository,
) {
  const officeId = tenantOf(principal);
  const byClient = <T extends { clientId: string }>(table: string, columns: string) =>
    new DataLoader<string, T[]>(async (ids) => {
      if (!officeId) return ids.map(() => []);
      const rows = (await ds.query(
        `SELECT ${columns} FROM ${table} WHERE office_id = $1 AND client_id = ANY($2::uuid[]) ORDER BY created_at DESC, id DESC`,
        [officeId, [...ids]],
      )) as T[];
      const grouped = groupBy(rows, (r) => r.clientId);
      return ids.map((id) => grouped.get(id) ?? []);
    });

  return {
    /** The client as this service knows it from the clients events; null when unknown here. */
    directoryEntryByClientId: createClientDirectoryLoader(ds, officeId),
    /** Name and enterprise number of any client: only for rows the caller was already allowed to see. */
    clientNameByClientId: new DataLoader<
      string,
      { companyName: string; enterpriseNumber: string | null } | null
    >(async (ids) => {
      const rows = (await ds.query(
        `SELECT client_id AS "clientId", company_name AS "companyName", enterprise_number AS "enterpriseNumber" FROM client_directory WHERE client_id = ANY($1::uuid[])`,
        [[...ids]],
      )) as { clientId: string; companyName: string; enterpriseNumber: string | null }[];
      const map = new Map(rows.map((r) => [r.clientId, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    codaByClientId: byClient<CodaMandateRow>('coda_mandate', CODA_COLUMNS),
    sodaByClientId: byClient<SodaMandateRow>('soda_mandate', SODA_COLUMNS),
    caroByClientId: byClient<CaroOrderRow>('caro_order', CARO_COLUMNS),
    summaryByClientId: new DataLoader<string, SummaryRow>(async (ids) => {
      const empty = (): SummaryRow => ({ coda: [], soda: [], caro: [], toBePresentedAgain: 0 });
      if (!officeId) return ids.map(empty);
      const rows = (await ds.query(
        `SELECT 'coda' AS kind, client_id AS "clientId", state, count(*)::int AS count, count(*) FILTER (WHERE to_be_presented_again)::int AS again
           FROM coda_mandate WHERE office_id = $1 AND client_id = ANY($2::uuid[]) GROUP BY client_id, state
         UNION ALL
         SELECT 'soda', client_id, state, count(*)::int, 0 FROM soda_mandate WHERE office_id = $1 AND client_id = ANY($2::uuid[]) GROUP BY client_id, state
         UNION ALL
         SELECT 'caro', client_id, state, count(*)::int, 0 FROM caro_order WHERE office_id = $1 AND client_id = ANY($2::uuid[]) GROUP BY client_id, state
         ORDER BY 1, 2, 3`,
        [officeId, [...ids]],
      )) as {
        kind: 'coda' | 'soda' | 'caro';
        clientId: string;
        state: string;
        count: number;
        again: number;
      }[];
      const summaries = new Map(ids.map((id) => [id, empty()]));
      for (const r of rows) {
        const s = summaries.get(r.clientId)!;
        s[r.kind].push({ state: r.state, count: r.count });
        s.toBePresentedAgain += r.again;
      }
      return ids.map((id) => summaries.get(id)!);
    }),
    accountsByMandateId: new DataLoader<string, BankAccountRow[]>(async (ids) => {
      const rows = (await ds.query(
        `SELECT ${BANK_ACCOUNT_COLUMNS} FROM bank_account WHERE coda_mandate_id = ANY($1::uuid[]) ORDER BY iban`,
        [[...ids]],
      )) as BankAccountRow[];
      const grouped = groupBy(rows, (r) => r.codaMandateId);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    historyByAggregateId: new DataLoader<string, HistoryRow[]>(async (ids) => {
      const grouped = groupBy(await historyOf(ds, ids), (r) => r.aggregateId);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    banks: once(async () => new Map((await referenceData.banks()).map((b) => [b.id, b]))),
    secretariats: once(async () => new Map((await referenceData.socialSecretariats()).map((s) => [s.id, s]))),
    softwares: once(async () => new Map((await referenceData.mandateSoftwares()).map((s) => [s.id, s]))),
    managementMode: once(async () => (officeId ? (await managementSettingsOf(ds, officeId)).mode : null)),
  };
}

export type MandatesLoaders = ReturnType<typeof createMandatesLoaders>;
