import { randomUUID } from 'node:crypto';
import { ClientUpdatedSchema, decodeEvent, encodeEvent, isEvent } from '@fidu/proto-events';
import type { EventBus } from '@fidu/service-kit';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, UPDATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';

const PROFILE = `query($id: ID!) { client(id: $id) { companyName mandateProfile { companyName email clientCode version } } }`;

/**
 * ClientRegistered / ClientUpdated travel from clients' outbox through the real broker into the
 * mandates projection, and a redelivered event has no second effect.
 */
describe('events: clients → Kafka → mandates', () => {
  let sys: TestSystem;
  let token: string;
  let bus: EventBus;

  beforeAll(async () => {
    sys = await sharedSystem();
    token = await sys.token(newOffice());
    bus = sys.eventBus('e2e-replay');
  });
  afterAll(async () => {
    await bus?.close();
    await sys?.stop();
  });

  const profileOf = async (id: string) => (await sys.gql(token, PROFILE, { id })).data.client.mandateProfile;

  it('a registered client reaches the mandates projection, then its changes with old and new values', async () => {
    const created = await sys.gql(token, CREATE_CLIENT, { input: clientInput(1, { email: null }) });
    const id = created.data.createClient.client.id;
    await eventually(
      'mandates knows the new client',
      async () => (await profileOf(id))?.version === 1,
      30_000,
    );

    const updated = await sys.gql(token, UPDATE_CLIENT, {
      input: { id, expectedVersion: 1, email: 'new@example.be', clientCode: 'NEW1' },
    });
    expect(updated.errors).toBeUndefined();
    const profile = await eventually(
      'mandates applied ClientUpdated',
      async () => {
        const p = await profileOf(id);
        return p?.version === 2 ? p : undefined;
      },
      30_000,
    );
    expect(profile).toEqual({
      companyName: 'Client 0001 SRL',
      email: 'new@example.be',
      clientCode: 'NEW1',
      version: 2,
    });

    // The event on the wire lists exactly the changed fields with their old and new values.
    const [row] = await sys.services.clients.dataSource.query(
      `SELECT payload FROM outbox WHERE message_key = $1 AND event_type = 'fidu.clients.v1.ClientUpdated'`,
      [id],
    );
    const event = decodeEvent(row.payload);
    if (!isEvent(event, ClientUpdatedSchema)) throw new Error(`unexpected ${event.type}`);
    expect(event.tenant).toBeTruthy();
    expect(event.subject).toBe(id);
    expect(event.payload.changes.map((c) => [c.field, c.oldValue ?? null, c.newValue ?? null])).toEqual([
      ['clientCode', 'C0001', 'NEW1'],
      ['email', null, 'new@example.be'],
    ]);
  });

  it('a redelivered event changes nothing (inbox), even when it arrives after newer ones', async () => {
    const created = await sys.gql(token, CREATE_CLIENT, { input: clientInput(2) });
    const id = created.data.createClient.client.id;
    await sys.gql(token, UPDATE_CLIENT, { input: { id, expectedVersion: 1, email: 'v2@example.be' } });
    await sys.gql(token, UPDATE_CLIENT, { input: { id, expectedVersion: 2, email: 'v3@example.be' } });
    await eventually('mandates reached v3', async () => (await profileOf(id))?.version === 3, 30_000);

    // Redeliver the v2 event exactly as it was published (same id, same bytes).
    const [v2] = await sys.services.clients.dataSource.query(
      `SELECT id, topic, message_key, payload, headers FROM outbox WHERE message_key = $1 ORDER BY created_at OFFSET 1 LIMIT 1`,
      [id],
    );
    await bus.publish([{ topic: v2.topic, key: v2.message_key, value: v2.payload, headers: v2.headers }]);
    // A marker event on the same key (same partition) is processed after the duplicate.
    const marker = encodeEvent(
      ClientUpdatedSchema,
      {
        clientId: id,
        officeId: (
          await sys.services.mandates.dataSource.query(
            `SELECT office_id FROM client_directory WHERE client_id = $1`,
            [id],
          )
        )[0].office_id,
        version: 4,
        changes: [{ field: 'phone', oldValue: undefined, newValue: '+3299999999' }],
      },
      { source: 'clients', subject: id, id: randomUUID() },
    );
    await bus.publish([marker]);
    await eventually(
      'mandates processed the marker behind the duplicate',
      async () => {
        const [row] = await sys.services.mandates.dataSource.query(
          `SELECT version, phone FROM client_directory WHERE client_id = $1`,
          [id],
        );
        return row?.version === 4 && row.phone === '+3299999999';
      },
      30_000,
    );

    const inbox = await sys.services.mandates.dataSource.query(
      `SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`,
      [v2.id],
    );
    expect(inbox[0].n).toBe(1);
    expect(await profileOf(id)).toMatchObject({ email: 'v3@example.be', version: 4 });
  });
});
