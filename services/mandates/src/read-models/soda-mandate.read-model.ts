import { requireUuid } from '@fidu/service-kit';
import { SECRETARIAT_VISIBLE_STATES, type SodaState } from '../domain/soda-mandate';
import { SODA_COLUMNS, type SodaMandateRow } from '../db/mandate.mapping';
import { filterOn, newestFirstPage, officePage, type Page, type PageArgs, type ReadDb } from './mandate-page';

/** The office's SODA mandates, newest first. */
export function officeSodaMandates(
  db: ReadDb,
  officeId: string,
  filter: { clientId?: string | null; state?: SodaState | null } | null | undefined,
  args: PageArgs,
): Promise<Page<SodaMandateRow>> {
  const f = filter ?? {};
  return officePage<SodaMandateRow>(
    db,
    officeId,
    {
      table: 'soda_mandate',
      columns: SODA_COLUMNS,
      filters: {
        client_id: f.clientId ? requireUuid(f.clientId, 'filter.clientId') : null,
        state: f.state,
      },
    },
    args,
  );
}

/** An activation request as its secretariat sees it: the mandate (client fields resolved from it). */
export interface SodaActivationRequestRow {
  mandate: SodaMandateRow;
}

/**
 * The activation requests addressed to a secretariat (never another's), newest first: its
 * mandates once the platform has requested activation from it.
 */
export async function secretariatActivationRequests(
  db: ReadDb,
  secretariatId: string,
  state: SodaState | null | undefined,
  args: PageArgs,
): Promise<Page<SodaActivationRequestRow>> {
  const where = ['social_secretariat_id = $1', 'state = ANY($2::text[])', 'last_requested_at IS NOT NULL'];
  const params: unknown[] = [secretariatId, SECRETARIAT_VISIBLE_STATES];
  filterOn(where, params, 'state', state);
  const page = await newestFirstPage<SodaMandateRow>(
    db,
    { table: 'soda_mandate', columns: SODA_COLUMNS, where, params },
    args,
  );
  return {
    ...page,
    edges: page.edges.map(({ cursor, node }) => ({ cursor, node: { mandate: node } })),
    nodes: page.nodes.map((mandate) => ({ mandate })),
  };
}
