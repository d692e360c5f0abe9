import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from '../logger';
import { SqlStatementCounter } from './sql-statement-counter';
import { runMigrationsLocked } from './migration-lock';
import { ResilientPgClient } from './pg-client';
import { OutboxInboxTables1700000000000 } from './outbox-inbox.migration';
import { JobRuns1700000000002 } from '../jobs/job-run.migration';
import { OutboxSequence1700000000003 } from './outbox-sequence.migration';
import { ParkedEvents1700000000004 } from './parked-event.migration';
import { JobRunHistory1700000000005 } from '../jobs/job-run-history.migration';
import { OutboxTraceparent1700000000010 } from './outbox-traceparent.migration';

export interface DataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  log: Logger;
}

/**
 * The service's own Postgres database. Schema changes come only from migrations, run at start-up
 * (the shared outbox/inbox, job_run and parked_event tables first); `synchronize` stays off everywhere.
 */
export async function openDataSource(
  options: DataSourceOptions,
): Promise<{ dataSource: DataSource; sqlCounter: SqlStatementCounter }> {
  const sqlCounter = new SqlStatementCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: [
      OutboxInboxTables1700000000000,
      JobRuns1700000000002,
      OutboxSequence1700000000003,
      ParkedEvents1700000000004,
      JobRunHistory1700000000005,
      OutboxTraceparent1700000000010,
      ...options.migrations,
    ],
    migrationsRun: false,
    synchronize: false,
    maxQueryExecutionTime: 1000,
    extra: { max: 10, Client: ResilientPgClient },
    logger: sqlCounter.typeormLogger({
      debug: (m) => options.log.debug(m),
      warn: (m) => options.log.warn(m),
    }),
  });
  await dataSource.initialize();
  await runMigrationsLocked(dataSource, options.log);
  return { dataSource, sqlCounter };
}
