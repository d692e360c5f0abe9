import { randomUUID } from 'node:crypto';
import { type RunningService } from '@fidu/service-kit';
import { createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp } from './app';
import { DAILY_EXPORT_JOB } from './domain/daily-export';
import { dailyExportJob } from './jobs/daily-export.job';

/** Two replicas on one database: the daily export runs once per business date, whoever triggers it. */
describe('daily export with several replicas', () => {
  let a: RunningService;
  let b: RunningService;

  beforeAll(async () => {
    const db = await createTestDatabase('connectors_replicas');
    a = await createApp(testServiceConfig('connectors', db));
    b = await createApp(testServiceConfig('connectors', db));
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  async function seedPendingEntries(count: number): Promise<string> {
    const officeId = `office-${randomUUID()}`;
    const clientId = randomUUID();
    await a.dataSource.query(
      `INSERT INTO client_directory (client_id, office_id, company_name, client_code, language, version) VALUES ($1, $2, 'Dupont', 'DUP', 'FR', 1)`,
      [clientId, officeId],
    );
    await a.dataSource.query(
      `INSERT INTO bank_entry (id, office_id, client_id, iban, bank_id, bank_reference, booking_date, amount_cents, currency, label, received_at)
       SELECT gen_random_uuid(), $1, $2, 'BE68539007547034', gen_random_uuid(), $3 || n, DATE '2026-11-20', 100 + n, 'EUR', 'x', now()
         FROM generate_series(1, $4) AS n`,
      [officeId, clientId, randomUUID(), count],
    );
    return officeId;
  }

  it('runs at a fixed 06:00 Brussels time, daily', () => {
    expect(dailyExportJob.nextRunAfter(new Date('2026-11-22T04:00:00Z')).toISOString()).toBe(
      '2026-11-22T05:00:00.000Z',
    );
    expect(dailyExportJob.nextRunAfter(new Date('2026-07-01T05:00:00Z')).toISOString()).toBe(
      '2026-07-02T04:00:00.000Z',
    );
  });

  it('lets exactly one replica run a business date, and files every entry once', async () => {
    const officeId = await seedPendingEntries(500);
    const now = new Date('2032-03-01T05:00:00Z');
    const outcomes = await Promise.all([a, b, a, b].map((s) => s.scheduler.trigger(DAILY_EXPORT_JOB, now)));
    expect(outcomes.filter((o) => o.status === 'ran')).toHaveLength(1);
    expect(
      outcomes
        .filter((o) => o.status !== 'ran')
        .every((o) => o.status === 'busy' || o.status === 'already-ran'),
    ).toBe(true);
    const [files] = await a.dataSource.query(
      `SELECT count(*)::int AS n, sum(entry_count)::int AS entries FROM global_file WHERE office_id = $1`,
      [officeId],
    );
    expect(files).toEqual({ n: 1, entries: 500 });
    const [pending] = await a.dataSource.query(
      `SELECT count(*)::int AS n FROM bank_entry WHERE office_id = $1 AND export_id IS NULL AND global_file_id IS NULL`,
      [officeId],
    );
    expect(pending.n).toBe(0);
    // The next day, on the other replica: nothing new, so no file.
    expect(await b.scheduler.trigger(DAILY_EXPORT_JOB, new Date('2032-03-02T05:00:00Z'))).toMatchObject({
      status: 'ran',
    });
    const [after] = await a.dataSource.query(
      `SELECT count(*)::int AS n FROM global_file WHERE office_id = $1`,
      [officeId],
    );
    expect(after.n).toBe(1);
  });
});
