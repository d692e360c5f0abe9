import DataLoader from 'dataloader';
import { createClientDirectoryLoader, rowsPerKey, tenantOf, type Principal } from '@fidu/service-kit';
import type { CaroOrderRow, CodaMandateRow, HistoryRow, SodaMandateRow } from '../db/mandate.mapping';
import {
  clientNamesOf,
  mandatesOfClients,
  mandateSummariesOfClients,
  type SummaryRow,
} from '../read-models/client-mandates.read-model';
import { bankAccountsOfMandates } from '../read-models/coda-mandate.read-model';
import { historyOf } from '../read-models/history.read-model';
import { managementSettingsOf } from '../read-models/management-settings.read-model';
import type { ReferenceDataReadModel } from '../read-models/reference-data.read-model';

export type { SummaryRow };

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
  ds: Parameters<typeof createClientDirectoryLoader>[0],
  principal: Principal,
  referenceData: ReferenceDataReadModel,
) {
  const officeId = tenantOf(principal);
  const byClient = <K extends 'coda' | 'soda' | 'caro'>(kind: K) =>
    new DataLoader(async (ids: readonly string[]) =>
      officeId ? mandatesOfClients(ds, kind, officeId, ids) : ids.map(() => []),
    );

  return {
    /** The client as this service knows it from the clients events; null when unknown here. */
    directoryEntryByClientId: createClientDirectoryLoader(ds, officeId),
    /** Name and enterprise number of any client: only for rows the caller was already allowed to see. */
    clientNameByClientId: new DataLoader((ids: readonly string[]) => clientNamesOf(ds, ids)),
    codaByClientId: byClient('coda') as DataLoader<string, CodaMandateRow[]>,
    sodaByClientId: byClient('soda') as DataLoader<string, SodaMandateRow[]>,
    caroByClientId: byClient('caro') as DataLoader<string, CaroOrderRow[]>,
    summaryByClientId: new DataLoader<string, SummaryRow>(async (ids) =>
      officeId
        ? mandateSummariesOfClients(ds, officeId, ids)
        : ids.map(() => ({ coda: [], soda: [], caro: [], toBePresentedAgain: 0 })),
    ),
    accountsByMandateId: new DataLoader((ids: readonly string[]) => bankAccountsOfMandates(ds, ids)),
    historyByAggregateId: new DataLoader<string, HistoryRow[]>(async (ids) =>
      rowsPerKey(ids, await historyOf(ds, ids), (r) => r.aggregateId),
    ),
    banks: once(async () => new Map((await referenceData.banks()).map((b) => [b.id, b]))),
    secretariats: once(async () => new Map((await referenceData.socialSecretariats()).map((s) => [s.id, s]))),
    softwares: once(async () => new Map((await referenceData.mandateSoftwares()).map((s) => [s.id, s]))),
    managementMode: once(async () => (officeId ? (await managementSettingsOf(ds, officeId)).mode : null)),
  };
}

export type MandatesLoaders = ReturnType<typeof createMandatesLoaders>;
