import DataLoader from 'dataloader';
import { rowPerKey, rowsPerKey } from '@fidu/service-kit';
import type { ConnectorAssociationEntity } from '../db/connector-association.entity';
import type { ConnectorSoftwareEntity } from '../db/connector-software.entity';
import type { ConnectorEntity } from '../db/connector.entity';
import { activeAccountsOf, type ActiveAccount } from '../read-models/bank-account.read-model';
import { softwaresByIds } from '../read-models/connector-software.read-model';
import { connectorsByIds, liveAssociationsOf } from '../read-models/connector.read-model';

/** The database the read models read (typeorm's DataSource; graphql/ names no driver). */
type DataSource = Parameters<typeof connectorsByIds>[0];

/** A row a foreign key guarantees (a connector's software, an association's connector): its absence is a bug. */
export async function mustExist<T>(row: Promise<T | null>, what: string): Promise<T> {
  const found = await row;
  if (found === null) throw new Error(`${what} is missing`);
  return found;
}

/**
 * Per-request loaders: one SQL statement per kind of thing, whatever the number of items asked
 * for in one tick. Office-owned rows are read for the caller's office only.
 */
export function createConnectorLoaders(ds: DataSource, officeId: string | undefined) {
  const loaders = {
    softwareById: new DataLoader<string, ConnectorSoftwareEntity | null>(async (ids) =>
      rowPerKey(ids, await softwaresByIds(ds, ids), (s) => s.id),
    ),
    connectorById: new DataLoader<string, ConnectorEntity | null>(async (ids) =>
      officeId ? rowPerKey(ids, await connectorsByIds(ds, officeId, ids), (c) => c.id) : ids.map(() => null),
    ),
    /** A client's active IBANs (empty when none). */
    activeAccountsByClientId: new DataLoader<string, ActiveAccount[]>(async (clientIds) => {
      if (!officeId) return clientIds.map(() => []);
      const rows = await activeAccountsOf(ds, officeId, clientIds);
      return rowsPerKey(clientIds, rows, (r) => r.clientId);
    }),
    /** A client's live association, if any; its connector comes with it (primed for the connector field). */
    associationByClientId: new DataLoader<string, ConnectorAssociationEntity | null>(async (clientIds) => {
      if (!officeId) return clientIds.map(() => null);
      const live = await liveAssociationsOf(ds, officeId, clientIds);
      for (const a of live) loaders.connectorById.prime(a.connector.id, a.connector);
      return rowPerKey(clientIds, live, (a) => a.clientId);
    }),
  };
  return loaders;
}

export type ConnectorLoaders = ReturnType<typeof createConnectorLoaders>;
