import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import {
  keyCursor,
  keysetNamed,
  pageSize,
  toConnection,
  type Connection,
  type KeysetOrder,
} from '@fidu/service-kit';
import { ClientEntity } from '../db/client.entity';

export interface ClientFilter {
  /** Matches company name, client code, e-mail or enterprise number (any part, any case). */
  search?: string | null;
  /** true: only clients without an e-mail; false: only clients with one. */
  missingEmail?: boolean | null;
}

/** A page of clients as the ClientConnection type shows it; the count runs only if asked for. */
export type ClientConnectionRow = Connection<ClientEntity, () => Promise<number>>;

/** Name order (case-insensitive), the id breaking ties. */
const BY_NAME: KeysetOrder<ClientEntity> = {
  columns: ['lower(c.company_name)', 'c.id'],
  kinds: ['string', 'uuid'],
  direction: 'ASC',
  positionOf: (c) => [c.companyName.toLowerCase(), c.id],
};

function filtered(ds: DataSource, officeId: string, filter: ClientFilter): SelectQueryBuilder<ClientEntity> {
  const q = ds
    .getRepository(ClientEntity)
    .createQueryBuilder('c')
    .where('c.office_id = :officeId', { officeId });
  if (filter.missingEmail === true) q.andWhere('c.email IS NULL');
  if (filter.missingEmail === false) q.andWhere('c.email IS NOT NULL');
  const term = filter.search?.trim();
  if (term) {
    const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // Only a term that looks like an enterprise number (digits, dots, spaces, BE) searches that column.
    const digits = /^(BE)?[\d.\s]{3,}$/i.test(term) ? term.replace(/\D/g, '') : '';
    q.andWhere(
      `(c.company_name ILIKE :like OR c.client_code ILIKE :like OR c.email ILIKE :like${digits ? ' OR c.enterprise_number LIKE :digits' : ''})`,
      { like, digits: `%${digits}%` },
    );
  }
  return q;
}

/** One page of the office's clients in name order, with keyset (cursor) paging. */
export async function listClients(
  ds: DataSource,
  officeId: string,
  args: { filter?: ClientFilter | null; first?: number | null; after?: string | null },
): Promise<ClientConnectionRow> {
  const limit = pageSize(args.first, 100, 20);
  const filter = args.filter ?? {};
  const q = filtered(ds, officeId, filter);
  const keyset = keysetNamed(BY_NAME, args.after);
  if (keyset.where) q.andWhere(keyset.where, keyset.params);
  const rows = await q
    .orderBy('lower(c.company_name)')
    .addOrderBy('c.id')
    .limit(limit + 1)
    .getMany();
  return toConnection(rows, {
    first: limit,
    cursorOf: keyCursor(BY_NAME.positionOf),
    totalCount: () => filtered(ds, officeId, filter).getCount(),
  });
}

/** The office's clients among `ids` (others' and unknown ids are simply absent): one statement. */
export function clientsByIds(
  ds: DataSource,
  officeId: string,
  ids: readonly string[],
): Promise<ClientEntity[]> {
  return ds.getRepository(ClientEntity).find({ where: { id: In([...ids]), officeId } });
}
