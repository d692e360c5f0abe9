import { randomUUID } from 'node:crypto';
import { type RunningService } from '@fidu/service-kit';
import { createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp } from './app';
import { EXPORT_COLUMNS } from './domain/prestation-export';
import { createPrestationExport, prestationExportText } from './use-cases/export-prestations';
import { orderVouchers } from './use-cases/order-vouchers';
import { actOnPrestation } from './use-cases/act-on-prestation';

let service: RunningService;
let base: string;
const officeId = `office-${randomUUID()}`;
const companyId = randomUUID();
const workerId = randomUUID();
const userId = randomUUID();

/** Inserts `n` prestations straight in SQL (encoding is tested end to end; here we need volume). */
async function insertPrestations(n: number, state = 'ENCODED', createdAt = new Date()): Promise<void> {
  await service.dataSource.query(
    `INSERT INTO prestation (id, office_id, company_id, worker_id, voucher_user_id, performed_on, hours, activity, encoded_by,
       state, period_ends_on, created_at, updated_at, version)
     SELECT gen_random_uuid(), $1, $2, $3, $4, current_date - 1, 2, 'CLEANING', 'COMPANY', $5, current_date + 7,
       $6::timestamptz + make_interval(secs => g), $6::timestamptz, 1
     FROM generate_series(1, $7) g`,
    [officeId, companyId, workerId, userId, state, createdAt, n],
  );
}

beforeAll(async () => {
  service = await createApp(
    testServiceConfig('titres-services', await createTestDatabase('titres_services_prestations')),
  );
  base = (await service.listen(0)).replace(/\/graphql$/, '');
  const ds = service.dataSource;
  await ds.query(
    `INSERT INTO approved_company (id, office_id, client_id, approval_number, financial_contact_name, financial_contact_email,
       created_at, updated_at, version) VALUES ($1, $2, $3, '012345', 'M', 'm@x.be', now(), now(), 1)`,
    [companyId, officeId, randomUUID()],
  );
  await ds.query(
    `INSERT INTO worker (id, office_id, company_id, first_name, last_name, created_at) VALUES ($1, $2, $3, 'Zoé', 'Martin; Jr', now())`,
    [workerId, officeId, companyId],
  );
  await ds.query(
    `INSERT INTO voucher_user (id, office_id, registered_by_company_id, first_name, last_name, email, created_at)
     VALUES ($1, $2, $3, 'Jeanne', 'Peeters', 'j@x.be', now())`,
    [userId, officeId, companyId],
  );
});

/** Links straight to this service (no gateway in front of it here). */
const links = () => ({ publicUrl: base, secret: service.config.gatewaySigningSecret });

afterAll(async () => {
  await service?.stop();
});

describe('prestation export (streamed CSV)', () => {
  it('streams every prestation of the company across batches, in encoding order, with its status', async () => {
    await insertPrestations(1234, 'PARTIALLY_ATTRIBUTED_FURTHER', new Date('2026-01-10T10:00:00Z'));
    const link = await createPrestationExport(
      service.dataSource,
      { kind: 'office', officeId },
      { companyId },
      links(),
    );
    const res = await fetch(link.downloadUrl);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(';'));
    expect(lines).toHaveLength(1235);
    expect(new Set(lines.slice(1).map((l) => l.split(';')[0])).size).toBe(1234);
    expect(lines[1]).toContain(
      ';"Martin; Jr Zoé";Peeters Jeanne;COMPANY;18;Partiellement attribuée;2;0;2;0;0;2026-01-10T10:00:01.000Z',
    );
    const times = lines.slice(1).map((l) => l.split(';').at(-1)!);
    expect([...times].sort()).toEqual(times);
  });

  it('filters on the encoding date range', async () => {
    await insertPrestations(3, 'ENCODED', new Date('2026-03-01T10:00:00Z'));
    const link = await createPrestationExport(
      service.dataSource,
      { kind: 'company', companyId },
      { companyId, from: '2026-03-01', to: '2026-03-01' },
      links(),
    );
    const lines = (await (await fetch(link.downloadUrl)).text()).trim().split('\n');
    expect(lines).toHaveLength(4);
  });

  it('refuses a link of another scope, a tampered link, and bad ranges', async () => {
    await expect(
      createPrestationExport(
        service.dataSource,
        { kind: 'office', officeId: 'other' },
        { companyId },
        links(),
      ),
    ).rejects.toMatchObject({ code: 'TS_COMPANY_NOT_FOUND' });
    await expect(
      createPrestationExport(
        service.dataSource,
        { kind: 'office', officeId },
        { companyId, from: '2026-02-02', to: '2026-02-01' },
        { publicUrl: base, secret: 's' },
      ),
    ).rejects.toMatchObject({ code: 'TS_EXPORT_RANGE_INVALID' });
    const link = await createPrestationExport(
      service.dataSource,
      { kind: 'office', officeId },
      { companyId },
      links(),
    );
    const tampered = link.downloadUrl.replace(
      /token=./,
      (m: string) => `${m.slice(0, -1)}${m.endsWith('e') ? 'f' : 'e'}`,
    );
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(`${base}/exports/prestations.csv`)).status).toBe(403);
  });
});

describe('prestation export as text (through GraphQL)', () => {
  it('refuses more than 10 000 rows inline, with a typed error', async () => {
    const grant = { companyId, from: null, to: null };
    expect((await prestationExportText(service.dataSource, grant)).trim().split('\n')).toHaveLength(1238);
    await insertPrestations(9000, 'ENCODED', new Date('2026-04-01T10:00:00Z'));
    await expect(prestationExportText(service.dataSource, grant)).rejects.toMatchObject({
      code: 'TS_EXPORT_TOO_LARGE',
    });
  });
});

describe('wallet under concurrency (use cases, no HTTP)', () => {
  it('keeps attributions exact when 20 orders race 10 confirmations', async () => {
    const ds = service.dataSource;
    const uid = randomUUID();
    await ds.query(
      `INSERT INTO voucher_user (id, office_id, registered_by_company_id, first_name, last_name, email, created_at)
       VALUES ($1, $2, $3, 'Race', 'Condition', $4, now())`,
      [uid, officeId, companyId, `${uid}@x.be`],
    );
    const ids = (await ds.query(
      `INSERT INTO prestation (id, office_id, company_id, worker_id, voucher_user_id, performed_on, hours, activity, encoded_by,
         state, period_ends_on, created_at, updated_at, version)
       SELECT gen_random_uuid(), $1, $2, $3, $4, current_date - 1, 4, 'IRONING', 'WORKER', 'VALIDATED', current_date + 7,
         now() + make_interval(secs => g), now(), 1 FROM generate_series(1, 10) g RETURNING id`,
      [officeId, companyId, workerId, uid],
    )) as { id: string }[];
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, () => orderVouchers(ds, uid, 1, 'voucher_user:x')),
      ...ids.map(({ id }) =>
        actOnPrestation(
          ds,
          { kind: 'voucher_user', voucherUserId: uid },
          { prestationId: id, action: 'CONFIRM', actor: 'u', periodDays: 5 },
        ),
      ),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const [check] = (await ds.query(
      `SELECT (SELECT sum(vouchers_attributed)::int FROM prestation WHERE voucher_user_id = $1) AS counted,
              (SELECT count(*)::int FROM voucher WHERE voucher_user_id = $1 AND prestation_id IS NOT NULL) AS attributed,
              (SELECT count(*)::int FROM voucher WHERE voucher_user_id = $1) AS bought,
              (SELECT count(*)::int FROM prestation WHERE voucher_user_id = $1 AND vouchers_attributed >
                 (SELECT count(*) FROM voucher v WHERE v.prestation_id = prestation.id)) AS overcounted`,
      [uid],
    )) as { counted: number; attributed: number; bought: number; overcounted: number }[];
    expect(check).toEqual({ counted: 20, attributed: 20, bought: 20, overcounted: 0 });
  });
});
