import type { DataSource, EntityManager } from 'typeorm';
import type { HistoryRow } from '../db/mandate.mapping';

/** Histories of several aggregates in one statement, oldest first. */
export async function historyOf(
  db: DataSource | EntityManager,
  aggregateIds: readonly string[],
): Promise<HistoryRow[]> {
  return db.query(
    `SELECT aggregate_id AS "aggregateId", from_state AS "fromState", to_state AS "toState", reason, actor, at
       FROM mandate_history WHERE aggregate_id = ANY($1::uuid[]) ORDER BY id`,
    [[...aggregateIds]],
  );
}
