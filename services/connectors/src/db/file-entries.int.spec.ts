import { randomUUID } from 'node:crypto';
import { type RunningService } from '@fidu/service-kit';
import { createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp } from '../app';
import type { FileSelector } from '../domain/download-token';
import { countFileEntries, filePageQuery, readFileEntries } from './file-entries';

/** A file's entries come whole, once each, in the file's order, a page at a time along its index. */
describe('file entries: keyset pages', () => {
  let service: RunningService;
  const officeId = `office-${randomUUID()}`;
  const clientId = randomUUID();

  /** Entries of `client` with these booking dates, delivered (numbered) in this order. */
  async function deliver(client: string, dates: string[]): Promise<void> {
    await service.dataSource.query(
      `INSERT INTO bank_entry (id, office_id, client_id, iban, bank_id, bank_reference, booking_date, amount_cents, currency, label, received_at)
       SELECT gen_random_uuid(), $1, $2, 'BE68539007547034', gen_random_uuid(), gen_random_uuid()::text, d::date, 100 + n, 'EUR', 'x', now()
         FROM unnest($3::text[]) WITH ORDINALITY AS t(d, n) ORDER BY n`,
      [officeId, client, dates],
    );
  }

  async function read(file: FileSelector, batchSize: number) {
    const pages: { seq: string; bookingDate: string }[][] = [];
    for await (const page of readFileEntries(service.dataSource, file, officeId, batchSize))
      pages.push(page as unknown as { seq: string; bookingDate: string }[]);
    return pages;
  }

  beforeAll(async () => {
    service = await createApp(testServiceConfig('connectors', await createTestDatabase('connectors_files')));
    await service.dataSource.query(
      `INSERT INTO client_directory (client_id, office_id, company_name, client_code, language, version)
       VALUES ($1, $2, 'Dupont', 'DUP', 'FR', 1)`,
      [clientId, officeId],
    );
    // Delivered out of date order, some outside November, and another client's in between.
    await deliver(clientId, ['2026-11-20', '2026-11-03', '2026-10-31', '2026-11-20', '2026-11-01']);
    await deliver(randomUUID(), ['2026-11-10', '2026-11-11']);
    await deliver(clientId, [
      '2026-11-30',
      '2026-11-03',
      '2026-12-01',
      '2026-11-15',
      '2026-11-20',
      '2026-11-02',
    ]);
  });
  afterAll(() => service?.stop());

  it('reads a dossier in date order (then delivery order), every entry of the period once', async () => {
    const dossier: FileSelector = { kind: 'dossier', clientId, from: '2026-11-01', to: '2026-11-30' };
    const pages = await read(dossier, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3]);
    const entries = pages.flat();
    expect(entries.map((e) => e.bookingDate)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-03',
      '2026-11-15',
      '2026-11-20',
      '2026-11-20',
      '2026-11-20',
      '2026-11-30',
    ]);
    const sameDate = entries.filter((e) => e.bookingDate === '2026-11-20').map((e) => BigInt(e.seq));
    expect(sameDate).toEqual([...sameDate].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(entries.map((e) => e.seq)).size).toBe(entries.length);
    expect(await countFileEntries(service.dataSource, dossier, officeId)).toBe(entries.length);
  });

  it('reads a global file in delivery order', async () => {
    const globalFileId = randomUUID();
    await service.dataSource.query(
      `INSERT INTO global_file (id, office_id, business_date, produced_at) VALUES ($1, $2, '2026-12-01', now())`,
      [globalFileId, officeId],
    );
    await service.dataSource.query(
      `UPDATE bank_entry SET global_file_id = $1 WHERE office_id = $2 AND client_id = $3`,
      [globalFileId, officeId, clientId],
    );
    const entries = (await read({ kind: 'global', globalFileId }, 4)).flat();
    expect(entries).toHaveLength(11);
    const seqs = entries.map((e) => BigInt(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('reads each later page of a dossier by one range scan of its index, with no sort', async () => {
    const dossier: FileSelector = { kind: 'dossier', clientId, from: '2026-11-01', to: '2026-11-30' };
    const { sql, params } = filePageQuery(dossier, officeId, 3, { bookingDate: '2026-11-03', seq: '2' });
    // A table this small is cheapest to read whole and sort: ask for the plan the index allows.
    const plan = (await service.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      await m.query('SET LOCAL enable_sort = off');
      return m.query(`EXPLAIN ${sql}`, params);
    })) as { 'QUERY PLAN': string }[];
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Scan using bank_entry_client_date_idx/);
    expect(text).toMatch(/ROW\(booking_date, seq\) > ROW/);
    expect(text).not.toMatch(/Sort/);
  });
});
