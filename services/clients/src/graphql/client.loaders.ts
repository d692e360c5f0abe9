import DataLoader from 'dataloader';
import type { ClientEntity } from '../db/client.entity';
import { clientsByIds } from '../read-models/client.read-model';

/** The database the read models read (typeorm's DataSource; graphql/ names no driver). */
type DataSource = Parameters<typeof clientsByIds>[0];

/** Per-request loaders: one SQL statement for any number of clients asked for in one tick. */
export function createClientLoaders(ds: DataSource, officeId: string | undefined) {
  return {
    clientById: new DataLoader<string, ClientEntity | null>(async (ids) => {
      if (!officeId) return ids.map(() => null);
      const byId = new Map((await clientsByIds(ds, officeId, ids)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type ClientLoaders = ReturnType<typeof createClientLoaders>;
