import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { ClientEntity } from '../db/client.entity';

/** Per-request loaders: one SQL statement for any number of clients asked for in one tick. */
export function createClientLoaders(ds: DataSource, officeId: string | undefined) {
  return {
    clientById: new DataLoader<string, ClientEntity | null>(async (ids) => {
      if (!officeId) return ids.map(() => null);
      const rows = await ds.getRepository(ClientEntity).find({ where: { id: In([...ids]), officeId } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type ClientLoaders = ReturnType<typeof createClientLoaders>;
