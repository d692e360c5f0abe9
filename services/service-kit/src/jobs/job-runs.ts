import type { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../db/paging';
import { DomainError } from '../errors';
import { JOB_RUN_COLUMNS, type JobRunRecord } from './run-job-once';

export interface JobRunPage {
  nodes: JobRunRecord[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

function positionOf(after: string): [string, string] {
  const [startedAt, period] = decodeCursor(after);
  if (typeof startedAt !== 'string' || typeof period !== 'string' || Number.isNaN(Date.parse(startedAt)))
    throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API issued.', 'after');
  return [startedAt, period];
}

/** A job's recorded runs, newest first (keyset on started_at, period). */
export async function listJobRuns(
  ds: DataSource,
  job: string,
  page: { first: number; after?: string | null },
): Promise<JobRunPage> {
  const position = page.after ? positionOf(page.after) : null;
  const rows = (await ds.query(
    `SELECT ${JOB_RUN_COLUMNS} FROM job_run
      WHERE job = $1 AND ($2::timestamptz IS NULL OR (started_at, period) < ($2::timestamptz, $3::text))
      ORDER BY started_at DESC, period DESC LIMIT $4`,
    [job, position?.[0] ?? null, position?.[1] ?? null, page.first + 1],
  )) as JobRunRecord[];
  const [{ total }] = (await ds.query(`SELECT count(*)::int AS total FROM job_run WHERE job = $1`, [
    job,
  ])) as [{ total: number }];
  const nodes = rows.slice(0, page.first);
  const last = nodes.at(-1);
  return {
    nodes,
    totalCount: total,
    endCursor: last ? encodeCursor([last.startedAt.toISOString(), last.period]) : null,
    hasNextPage: rows.length > page.first,
  };
}
