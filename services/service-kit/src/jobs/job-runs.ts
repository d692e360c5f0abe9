import type { DataSource } from 'typeorm';
import { keyCursor, keysetSql, toConnection, type KeysetOrder } from '../paging';
import { JOB_RUN_COLUMNS, type JobRunRecord } from './run-job-once';

export interface JobRunPage {
  nodes: JobRunRecord[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Newest first; the period breaks ties between runs started at the same instant. */
const RUN_ORDER: KeysetOrder<JobRunRecord> = {
  columns: ['started_at', 'period'],
  kinds: ['timestamp', 'string'],
  direction: 'DESC',
  positionOf: (run) => [run.startedAt, run.period],
};

/** A job's recorded runs, newest first (keyset on started_at, period). */
export async function listJobRuns(
  ds: DataSource,
  job: string,
  page: { first: number; after?: string | null },
): Promise<JobRunPage> {
  const params: unknown[] = [job];
  const keyset = keysetSql(RUN_ORDER, page.after, params);
  params.push(page.first + 1);
  const rows = (await ds.query(
    `SELECT ${JOB_RUN_COLUMNS} FROM job_run
      WHERE job = $1${keyset.where ? ` AND ${keyset.where}` : ''}
      ORDER BY ${keyset.orderBy} LIMIT $${params.length}`,
    params,
  )) as JobRunRecord[];
  const [{ total }] = (await ds.query(`SELECT count(*)::int AS total FROM job_run WHERE job = $1`, [
    job,
  ])) as [{ total: number }];
  const { nodes, pageInfo } = toConnection(rows, {
    first: page.first,
    cursorOf: keyCursor(RUN_ORDER.positionOf),
  });
  return { nodes, totalCount: total, ...pageInfo };
}
