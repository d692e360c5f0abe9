import { randomUUID } from 'node:crypto';
import { ClientRegisteredSchema, encodeEvent, TOPICS } from '@fidu/proto-events';
import type { EventBus } from '@fidu/service-kit';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import { bankPartner, BANKS, codeOf, ok } from '../mandates-support/mandates-helpers';
import {
  MANDATES_PARKED_EVENTS,
  REPLAY_MANDATES_PARKED_EVENT,
  metricOf,
  readinessOf,
} from './parked-events-support';

const PROFILE = `query($id: ID!) { client(id: $id) { mandateProfile { companyName email version } } }`;

/**
 * A message that fails for a reason inside it is parked — in the service's
 * parked_event table — without holding up the messages behind it; operators see it through the
 * gateway and replay it, and the inbox keeps a replay from applying anything twice.
 */
describe('events: parked messages are visible and replayable by operators', () => {
  let sys: TestSystem;
  const office = newOffice();
  let token: string;
  let operator: string;
  let bus: EventBus;

  beforeAll(async () => {
    sys = await startSystem();
    token = await sys.token(office);
    operator = await sys.token({ kind: 'operator', userId: 'op-parked' });
    bus = sys.eventBus('e2e-parked');
  });
  afterAll(async () => {
    await bus?.close();
    await sys?.stop();
  });

  const profileOf = async (id: string) =>
    (await sys.gql(token, PROFILE, { id })).data?.client?.mandateProfile;
  const createClient = async (n: number, overrides: Record<string, unknown> = {}): Promise<{ id: string }> =>
    ok(await sys.gql(token, CREATE_CLIENT, { input: clientInput(n, overrides) })).createClient.client;
  /** Mandates learns a client from its ClientRegistered event. */
  const knownToMandates = (clientId: string) =>
    eventually(
      `mandates knows client ${clientId}`,
      async () =>
        (
          await sys.services.mandates.dataSource.query(
            `SELECT 1 FROM client_directory WHERE client_id = $1`,
            [clientId],
          )
        ).length > 0,
      180_000,
      250,
    );

  it('parks a message its handler refuses, goes on behind it, and replays it once', async () => {
    const mandates = sys.services.mandates.dataSource;
    await knownToMandates((await createClient(1)).id);

    // A failure caused by the message's content, as a handler bug would be: mandates refuses to
    // project one company name (while the database stays healthy).
    await mandates.query(`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.company_name LIKE 'Poison%' THEN RAISE EXCEPTION 'company name % refused', NEW.company_name; END IF;
        RETURN NEW;
      END $$`);
    await mandates.query(
      `CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON client_directory
         FOR EACH ROW EXECUTE FUNCTION refuse_poison()`,
    );
    const poison = await createClient(2, { companyName: 'Poison SRL' });
    // Behind it on its partition (same key), once it has left the clients outbox: another event.
    await eventually('the poison event is published', async () => {
      const rows = await sys.services.clients.dataSource.query(
        `SELECT 1 FROM outbox WHERE message_key = $1 AND sent_at IS NOT NULL`,
        [poison.id],
      );
      return rows.length > 0;
    });
    const behindId = randomUUID();
    const behind = encodeEvent(
      ClientRegisteredSchema,
      {
        clientId: behindId,
        officeId: office.officeId,
        companyName: 'Behind SRL',
        clientCode: 'BEHIND',
        language: 'fr',
        version: 1,
      },
      { source: 'clients', tenant: office.officeId, subject: behindId },
    );
    await bus.publish([{ ...behind, key: poison.id }]);
    await knownToMandates(behindId);

    const page = await eventually(
      'the refused message is parked',
      async () => {
        const res = await sys.gql(operator, MANDATES_PARKED_EVENTS, { first: 100 });
        const p = res.data?.mandatesParkedEvents;
        return p?.nodes.some((n: any) => n.key === poison.id) ? p : undefined;
      },
      60_000,
    );
    const refused = page.nodes.find((n: any) => n.key === poison.id);
    expect(refused).toMatchObject({
      topic: TOPICS.clientsClient,
      eventType: 'fidu.clients.v1.ClientRegistered',
      attempts: 3,
      replayedAt: null,
      replayResult: null,
    });
    expect(refused.error).toMatch(/company name Poison SRL refused/);
    expect(refused.headers).toEqual(expect.arrayContaining([{ name: 'ce_id', value: refused.eventId }]));
    expect(await profileOf(poison.id)).toBeNull();
    const pendingBefore = page.pendingCount;

    // Parking is not blocking: the service stays ready; the count is a metric too.
    expect(await readinessOf(sys, 'mandates')).toMatchObject({ status: 200, checks: { consumer: true } });
    expect(await metricOf(sys, 'mandates', 'fidu_inbox_parked_events_pending')).toBe(pendingBefore);
    expect(await metricOf(sys, 'mandates', 'fidu_inbox_consumer_blocked')).toBe(0);

    // Operators only; a refused replay changes nothing.
    for (const other of [token, await sys.token(bankPartner(BANKS.bnp))]) {
      expect(codeOf(await sys.gql(other, MANDATES_PARKED_EVENTS, { first: 10 }))).toBe('FORBIDDEN');
      expect(codeOf(await sys.gql(other, REPLAY_MANDATES_PARKED_EVENT, { id: refused.id }))).toBe(
        'FORBIDDEN',
      );
    }
    expect(await profileOf(poison.id)).toBeNull();
    expect(codeOf(await sys.gql(operator, REPLAY_MANDATES_PARKED_EVENT, { id: 'nope' }))).toBe('INVALID_ID');
    expect(codeOf(await sys.gql(operator, REPLAY_MANDATES_PARKED_EVENT, { id: randomUUID() }))).toBe(
      'PARKED_EVENT_NOT_FOUND',
    );

    // Replayed while the cause is still there: the new error is recorded, the event stays pending.
    const stillRefused = ok(
      await sys.gql(operator, REPLAY_MANDATES_PARKED_EVENT, { id: refused.id }),
    ).replayMandatesParkedEvent;
    expect(stillRefused).toMatchObject({ replayResult: 'FAILED', replayedAt: null, attempts: 4 });
    expect(stillRefused.error).toMatch(/company name Poison SRL refused/);

    // The cause is fixed; the replay applies the event, once.
    await mandates.query(`DROP TRIGGER refuse_poison ON client_directory`);
    const applied = ok(
      await sys.gql(operator, REPLAY_MANDATES_PARKED_EVENT, { id: refused.id }),
    ).replayMandatesParkedEvent;
    expect(applied).toMatchObject({ replayResult: 'APPLIED', replayedBy: 'op-parked' });
    expect(applied.replayedAt).toEqual(expect.any(String));
    expect(await profileOf(poison.id)).toEqual({
      companyName: 'Poison SRL',
      email: 'client2@example.be',
      version: 1,
    });

    const directoryRow = `SELECT synced_at FROM client_directory WHERE client_id = $1`;
    const [before] = await mandates.query(directoryRow, [poison.id]);
    const again = ok(
      await sys.gql(operator, REPLAY_MANDATES_PARKED_EVENT, { id: refused.id }),
    ).replayMandatesParkedEvent;
    expect(again).toMatchObject({ replayResult: 'ALREADY_APPLIED', replayedBy: 'op-parked' });
    const [after] = await mandates.query(directoryRow, [poison.id]);
    expect(after.synced_at).toEqual(before.synced_at);
    const [{ n }] = await mandates.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [
      refused.eventId,
    ]);
    expect(n).toBe(1);

    const end = ok(await sys.gql(operator, MANDATES_PARKED_EVENTS, { first: 100 })).mandatesParkedEvents;
    expect(end.pendingCount).toBe(pendingBefore - 1);
    expect(end.nodes.find((e: any) => e.id === refused.id)).toMatchObject({
      replayResult: 'ALREADY_APPLIED',
    });
    expect(await metricOf(sys, 'mandates', 'fidu_inbox_parked_events_pending')).toBe(pendingBefore - 1);
  }, 420_000);

  it('every consuming subgraph answers its own parked-events query, to operators only', async () => {
    const query = `{ connectorsParkedEvents(first: 5) { totalCount pendingCount }
      titresServicesParkedEvents(first: 5) { totalCount pendingCount } }`;
    const res = await sys.gql(operator, query);
    expect(res.errors).toBeUndefined();
    expect(res.data.connectorsParkedEvents.totalCount).toEqual(expect.any(Number));
    expect(res.data.titresServicesParkedEvents.totalCount).toEqual(expect.any(Number));
    const refused = await sys.gql(token, query);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(
      codeOf(
        await sys.gql(operator, `mutation { replayConnectorsParkedEvent(id: "${randomUUID()}") { id } }`),
      ),
    ).toBe('PARKED_EVENT_NOT_FOUND');
    for (const name of ['connectors', 'titres-services'] as const)
      expect(await metricOf(sys, name, 'fidu_inbox_consumer_blocked')).toEqual(expect.any(Number));
  });
});
