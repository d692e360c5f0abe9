import type { TestSystem } from '../../support/system';
import { DAILY_EXPORT, businessDateOf } from './connectors-helpers';

/**
 * Fresh export dates for connectors tests on the worker's shared federation
 * (sharedSystem()), whose connectors database keeps what the files that ran before left.
 */

/** Fresh dates come after this one: after the fixed and counted dates (2031) other files run. */
const FIRST_AFTER = '2039-12-31';
let lastAllocated = FIRST_AFTER;

/**
 * The instant of a daily-export run on a business date no run has covered yet. The export runs once
 * per date for the whole service (a second trigger is `already-ran`), so a date another file or an
 * earlier run of this one used would not run again; this is the day after the latest date the
 * service recorded a run for, and after every date this file took already.
 */
export async function freshRunInstant(sys: TestSystem): Promise<Date> {
  const [{ last }] = (await sys.services.connectors.dataSource.query(
    `SELECT max(period) AS last FROM job_run WHERE job = $1`,
    [DAILY_EXPORT],
  )) as [{ last: string | null }];
  const after = [lastAllocated, last ?? FIRST_AFTER].sort().at(-1)!;
  const instant = new Date(`${after}T05:00:00Z`); // 06:00 or 07:00 in Brussels: the same date
  instant.setUTCDate(instant.getUTCDate() + 1);
  lastAllocated = businessDateOf(instant);
  return instant;
}
