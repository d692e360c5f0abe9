import DataLoader from 'dataloader';
import { In, IsNull, type DataSource } from 'typeorm';
import { ConnectorAssociationEntity } from '../db/connector-association.entity';
import { ConnectorSoftwareEntity } from '../db/connector-software.entity';
import { ConnectorEntity } from '../db/connector.entity';

/** An active IBAN as the Client extension shows it. */
export interface ActiveAccount {
  iban: string;
  clientId: string;
  activatedAt: Date;
  stoppedOn: string | null;
  refusedEntryCount: number;
}

/**
 * Per-request loaders: one SQL statement per kind of thing, whatever the number of items asked
 * for in one tick. Office-owned rows are read for the caller's office only.
 */
export function createConnectorLoaders(ds: DataSource, officeId: string | undefined) {
  return {
    softwareById: new DataLoader<string, ConnectorSoftwareEntity | null>(async (ids) => {
      const rows = await ds.getRepository(ConnectorSoftwareEntity).find({ where: { id: In([...ids]) } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    connectorById: new DataLoader<string, ConnectorEntity | null>(async (ids) => {
      if (!officeId) return ids.map(() => null);
      const rows = await ds.getRepository(ConnectorEntity).find({ where: { id: In([...ids]), officeId } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A client's active IBANs (empty when none). */
    activeAccountsByClientId: new DataLoader<string, ActiveAccount[]>(async (clientIds) => {
      if (!officeId) return clientIds.map(() => []);
      const rows = (await ds.query(
        `SELECT iban, client_id AS "clientId", activated_at AS "activatedAt",
                to_char(stopped_on, 'YYYY-MM-DD') AS "stoppedOn", refused_entry_count AS "refusedEntryCount" FROM bank_account
          WHERE office_id = $1 AND client_id = ANY($2::uuid[]) ORDER BY iban`,
        [officeId, [...clientIds]],
      )) as ActiveAccount[];
      return clientIds.map((id) => rows.filter((r) => r.clientId === id));
    }),
    /** A client's live association, if any. */
    associationByClientId: new DataLoader<string, ConnectorAssociationEntity | null>(async (clientIds) => {
      if (!officeId) return clientIds.map(() => null);
      const rows = await ds
        .getRepository(ConnectorAssociationEntity)
        .find({ where: { clientId: In([...clientIds]), officeId, endedAt: IsNull() } });
      const byClient = new Map(rows.map((r) => [r.clientId, r]));
      return clientIds.map((id) => byClient.get(id) ?? null);
    }),
  };
}

export type ConnectorLoaders = ReturnType<typeof createConnectorLoaders>;
