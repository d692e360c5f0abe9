import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, pageSize } from '@fidu/service-kit';
import { ClientEntity } from '../db/client.entity';

export interface ClientFilter {
  /** Matches company name, client code, e-mail or enterprise number (any part, any case). */
  search?: string | null;
  /** true: only clients without an e-mail; false: only clients with one. */
  missingEmail?: boolean | null;
}

/** A page of clients as the ClientConnection type shows it; the count runs only if asked for. */
export interface ClientConnectionRow {
  edges: { cursor: string; node: ClientEntity }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount(): Promise<number>;
}

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
  if (args.after) {
    const [name, id] = decodeCursor(args.after);
    if (typeof name !== 'string' || typeof id !== 'string') decodeCursor('!');
    q.andWhere('(lower(c.company_name), c.id) > (:name, :id)', { name, id });
  }
  const rows = await q
    .orderBy('lower(c.company_name)')
    .addOrderBy('c.id')
    .limit(limit + 1)
    .getMany();
  const cursorOf = (c: ClientEntity) => encodeCursor([c.companyName.toLowerCase(), c.id]);
  const edges = rows.slice(0, limit).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => filtered(ds, officeId, filter).getCount(),
  };
}

/** The office's clients among `ids` (others' and unknown ids are simply absent): one statement. */
export function clientsByIds(
  ds: DataSource,
  officeId: string,
  ids: readonly string[],
): Promise<ClientEntity[]> {
  return ds.getRepository(ClientEntity).find({ where: { id: In([...ids]), officeId } });
}
