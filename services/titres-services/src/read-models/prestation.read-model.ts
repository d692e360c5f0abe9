import type { DataSource } from 'typeorm';
import { requireUuid } from '@fidu/service-kit';
import {
  findPrestation,
  PRESTATION_COLUMNS,
  prestationScopeSql,
  type PrestationRow,
} from '../db/prestation.rows';
import type { PrestationState } from '../domain/prestation-states';
import type { TitresScope } from '../domain/titres-scope';
import { pageSizeOf, positionAfter, toConnection, type Connection } from './connection';

/**
 * A page of the prestations the scope may see, newest encoding first, keyset-paged on
 * (created_at, id): one statement whatever the page's size.
 */
export async function prestationPage(
  ds: DataSource,
  scope: TitresScope,
  args: { states?: PrestationState[] | null; first?: number | null; after?: string | null },
): Promise<Connection<PrestationRow>> {
  const size = pageSizeOf(args.first);
  const params: unknown[] = [];
  const where = [prestationScopeSql(scope, params)];
  if (args.states?.length) {
    params.push(args.states);
    where.push(`p.state = ANY($${params.length})`);
  }
  if (args.after) {
    const [at, id] = positionAfter(args.after);
    params.push(at, requireUuid(id, 'after'));
    where.push(`(p.created_at, p.id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(size + 1);
  const rows = (await ds.query(
    `SELECT ${PRESTATION_COLUMNS} FROM prestation p WHERE ${where.join(' AND ')}
     ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`,
    params,
  )) as PrestationRow[];
  return toConnection(rows, size, (p) => [p.createdAt, p.id]);
}

export type { PrestationRow };

/** One prestation the scope may see; null otherwise. */
export function prestationById(
  ds: DataSource,
  scope: TitresScope,
  id: string,
): Promise<PrestationRow | null> {
  return findPrestation(ds.manager, scope, requireUuid(id, 'id'));
}
