import DataLoader from 'dataloader';
import type { CompanyScope } from '../domain/approved-company';
import {
  companiesByClientIds,
  companiesByIds,
  directoryEntries,
  workersOfCompanies,
  type ApprovedCompanyEntity,
  type ClientDirectoryEntry,
  type WorkerEntity,
} from '../read-models/approved-company.read-model';

/** A client of the directory, named with the office that owns it. */
export interface DirectoryKey {
  officeId: string;
  clientId: string;
}

/** The database the read models read (typeorm's DataSource; graphql/ names no driver). */
type DataSource = Parameters<typeof companiesByIds>[0];

function byKey<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T> {
  return new Map(rows.map((r) => [keyOf(r), r]));
}

/**
 * Per-request loaders: one SQL statement per kind of thing, however many are asked for in one
 * tick. A null scope (a caller who may see no company) loads nothing and costs no statement.
 */
export function createApprovedCompanyLoaders(ds: DataSource, scope: CompanyScope | null) {
  return {
    approvedCompanyById: new DataLoader<string, ApprovedCompanyEntity | null>(async (ids) => {
      if (!scope) return ids.map(() => null);
      const rows = await companiesByIds(ds, scope, ids);
      const found = byKey(rows, (r) => r.id);
      return ids.map((id) => found.get(id) ?? null);
    }),

    approvedCompanyByClientId: new DataLoader<string, ApprovedCompanyEntity | null>(async (clientIds) => {
      if (!scope) return clientIds.map(() => null);
      const rows = await companiesByClientIds(ds, scope, clientIds);
      const found = byKey(rows, (r) => r.clientId);
      return clientIds.map((id) => found.get(id) ?? null);
    }),

    workersByCompanyId: new DataLoader<string, WorkerEntity[]>(async (companyIds) => {
      if (!scope) return companyIds.map(() => []);
      const rows = await workersOfCompanies(ds, scope, companyIds);
      const grouped = new Map<string, WorkerEntity[]>();
      for (const w of rows) {
        const list = grouped.get(w.companyId);
        if (list) list.push(w);
        else grouped.set(w.companyId, [w]);
      }
      return companyIds.map((id) => grouped.get(id) ?? []);
    }),

    /**
     * Directory entries of clients already known to be in scope (through their company): a
     * company reads its own client's name, which the office-scoped kit loader would not allow.
     */
    directoryEntry: new DataLoader<DirectoryKey, ClientDirectoryEntry | null, string>(
      async (keys) => {
        if (!scope) return keys.map(() => null);
        const byOffice = new Map<string, string[]>();
        for (const k of keys) byOffice.set(k.officeId, [...(byOffice.get(k.officeId) ?? []), k.clientId]);
        const entries = (
          await Promise.all(
            [...byOffice].map(([officeId, clientIds]) => directoryEntries(ds, officeId, clientIds)),
          )
        ).flat();
        const found = byKey(entries, (e) => `${e.officeId}/${e.clientId}`);
        return keys.map((k) => found.get(`${k.officeId}/${k.clientId}`) ?? null);
      },
      { cacheKeyFn: (k) => `${k.officeId}/${k.clientId}` },
    ),
  };
}

/** The loaders of one request (see {@link createApprovedCompanyLoaders}). */
export type ApprovedCompanyLoaders = ReturnType<typeof createApprovedCompanyLoaders>;
