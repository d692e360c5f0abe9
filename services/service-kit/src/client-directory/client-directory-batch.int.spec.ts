import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ClientRegisteredSchema,
  ClientUpdatedSchema,
  ConnectorDeletedSchema,
  decodeEvent,
  encodeEvent,
} from '@fidu/proto-events';
import { createTestDatabase } from '../testing/test-helpers';
import { applyClientEvent } from './client-directory';
import { applyClientEvents, clientDirectoryBatchHandler } from './client-directory-batch';
import { ClientDirectory1700000000001 } from './client-directory.migration';

/** The set-based batch form has exactly the effect of the per-event form (real Postgres). */
describe('client directory: batch apply (real Postgres)', () => {
  let perEvent: DataSource;
  let batched: DataSource;

  async function directory(prefix: string): Promise<DataSource> {
    const ds = new DataSource({
      type: 'postgres',
      url: await createTestDatabase(prefix),
      migrations: [ClientDirectory1700000000001],
    });
    await ds.initialize();
    await ds.runMigrations();
    return ds;
  }

  beforeAll(async () => {
    perEvent = await directory('kit_dir_one');
    batched = await directory('kit_dir_batch');
  });
  afterAll(async () => {
    await perEvent?.destroy();
    await batched?.destroy();
  });

  const meta = (clientId: string) => ({ source: 'clients', tenant: 'office-d', subject: clientId });
  const registered = (clientId: string, version: number, companyName: string) =>
    decodeEvent(
      encodeEvent(
        ClientRegisteredSchema,
        { clientId, officeId: 'office-d', companyName, clientCode: 'C1', language: 'fr', email: '', version },
        meta(clientId),
      ).value,
    );
  const updated = (clientId: string, version: number, changes: { field: string; newValue: string }[]) =>
    decodeEvent(
      encodeEvent(ClientUpdatedSchema, { clientId, officeId: 'office-d', version, changes }, meta(clientId))
        .value,
    );

  const rowsOf = (ds: DataSource) =>
    ds.query(`SELECT client_id, office_id, enterprise_number, company_name, client_code, email, phone, language,
                street, postal_code, city, country, version FROM client_directory ORDER BY client_id`);

  it('gives the same rows and the same changed fields as one event at a time, across batch boundaries', async () => {
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const events = [
      updated(d, 2, [{ field: 'email', newValue: 'early@d.be' }]), // before its registration: no effect
      registered(a, 1, 'A SRL'),
      updated(a, 2, [{ field: 'email', newValue: 'a2@a.be' }]),
      registered(b, 1, 'B SRL'),
      updated(a, 3, [
        { field: 'language', newValue: 'nl' },
        { field: 'city', newValue: 'Gent' },
        { field: 'unknownField', newValue: 'x' },
      ]),
      updated(a, 2, [{ field: 'email', newValue: 'stale@a.be' }]), // older than what is applied
      registered(a, 1, 'A again'), // a registration replayed late
      updated(b, 2, [{ field: 'phone', newValue: '' }]),
      registered(c, 5, 'C SRL'),
      updated(c, 4, [{ field: 'city', newValue: 'Old' }]),
      registered(d, 1, 'D SRL'),
      updated(d, 3, [{ field: 'companyName', newValue: 'D NV' }]),
      updated(b, 3, [{ field: 'email', newValue: 'b3@b.be' }]),
    ];
    const expected: string[][] = [];
    for (const event of events)
      expected.push(await perEvent.transaction((em) => applyClientEvent(em, event)));
    const changes: string[][] = [];
    for (let i = 0; i < events.length; i += 5)
      changes.push(...(await batched.transaction((em) => applyClientEvents(em, events.slice(i, i + 5)))));
    expect(changes).toEqual(expected);
    const rows = await rowsOf(batched);
    expect(rows).toEqual(await rowsOf(perEvent));
    expect(rows).toHaveLength(4);
    // The same batch again changes nothing.
    await batched.transaction((em) => applyClientEvents(em, events));
    expect(await rowsOf(batched)).toEqual(rows);
  });

  it('as a batch handler: client runs set-based, other events one by one, in the batch order', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    // Not a client event; its subject names it in the trail below.
    const other = (name: string) =>
      decodeEvent(
        encodeEvent(ConnectorDeletedSchema, {}, { source: 'test', tenant: 'office-d', subject: name }).value,
      );
    const seen: string[] = [];
    const handler = clientDirectoryBatchHandler({
      handleOther: async (em, event) => {
        // What the directory holds when an event after client events is handled: they came first.
        const [row] = await em.query(`SELECT version FROM client_directory WHERE client_id = $1`, [a]);
        seen.push(`${event.subject}@v${row?.version ?? '-'}`);
      },
      afterClientEvents: async (_em, applied) => {
        seen.push(
          applied
            .map(
              ({ event, changed }) => `${event.type.split('.').pop()}:${changed.length ? 'changed' : 'none'}`,
            )
            .join(','),
        );
      },
    });
    await batched.transaction((em) =>
      handler(em, [
        other('first'),
        registered(a, 1, 'A SRL'),
        updated(a, 2, [{ field: 'email', newValue: 'x@a.be' }]),
        updated(b, 2, [{ field: 'email', newValue: 'unknown client' }]),
        other('second'),
        updated(a, 3, [{ field: 'city', newValue: 'Liège' }]),
      ]),
    );
    expect(seen).toEqual([
      'first@v-',
      'ClientRegistered:changed,ClientUpdated:changed,ClientUpdated:none',
      'second@v2',
      'ClientUpdated:changed',
    ]);
  });
});
