import type { EntityManager } from 'typeorm';

export type HistoryAggregate = 'CODA' | 'BANK_ACCOUNT' | 'SODA' | 'CARO';

export interface HistoryEntry {
  aggregate: HistoryAggregate;
  aggregateId: string;
  officeId: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  actor: string;
}

/** Records who changed what, when and why, in the transaction of the change. */
export async function recordHistory(em: EntityManager, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await em.query(
    `INSERT INTO mandate_history (aggregate, aggregate_id, office_id, from_state, to_state, reason, actor)
     SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      entries.map((e) => e.aggregate),
      entries.map((e) => e.aggregateId),
      entries.map((e) => e.officeId),
      entries.map((e) => e.fromState),
      entries.map((e) => e.toState),
      entries.map((e) => e.reason),
      entries.map((e) => e.actor),
    ],
  );
}
