import type { DataSource } from 'typeorm';
import { requireUuid, type Connection } from '@fidu/service-kit';
import { PRESTATION_COLUMNS, type PrestationRow } from '../db/prestation.mapping';
import { findPrestation, prestationScopeSql } from '../db/prestation.repository';
import type { PrestationState } from '../domain/prestation-states';
import type { TitresScope } from '../domain/titres-scope';
import { keysetPage, newestFirst, type PageArgs } from './company-list.read-model';

/**
 * A page of the prestations the scope may see, newest encoding first, keyset-paged on
 * (created_at, id): one statement whatever the page's size.
 */
export function prestationPage(
  ds: DataSource,
  scope: TitresScope,
  args: PageArgs & { states?: PrestationState[] | null },
): Promise<Connection<PrestationRow>> {
  const params: unknown[] = [];
  const where = [prestationScopeSql(scope, params)];
  if (args.states?.length) {
    params.push(args.states);
    where.push(`p.state = ANY($${params.length})`);
  }
  return keysetPage(
    ds,
    { sql: `SELECT ${PRESTATION_COLUMNS} FROM prestation p WHERE ${where.join(' AND ')}`, params },
    newestFirst<PrestationRow>('p'),
    args,
  );
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
