import { randomUUID } from 'node:crypto';
import { signPrincipal, type Principal, type RunningService } from '@fidu/service-kit';
import { callSubgraph, createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp } from './app';

/** Service-level checks against real Postgres and Kafka; business rules are covered through the gateway in test/. */
describe('clients subgraph (real Postgres + Kafka)', () => {
  let service: RunningService;
  let url: string;
  const office: Principal = { kind: 'office', officeId: randomUUID(), userId: 'u1', roles: [] };

  beforeAll(async () => {
    service = await createApp(testServiceConfig('clients', await createTestDatabase('clients')));
    url = await service.listen(0);
  });
  afterAll(() => service?.stop());

  const create = `mutation($input: CreateClientInput!) { createClient(input: $input) { client { id version } } }`;

  it('refuses requests without a gateway signature (401) or with a forged one (403)', async () => {
    expect((await callSubgraph(url, null, '{ __typename }')).status).toBe(401);
    const forged = await callSubgraph(
      url,
      office,
      '{ __typename }',
      {},
      { secret: 'not-the-gateway-secret' },
    );
    expect(forged.status).toBe(403);
    expect(forged.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers liveness and readiness (database and Kafka checked)', async () => {
    const base = url.replace('/graphql', '');
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: true, kafka: true } });
  });

  it('writes ClientRegistered to the outbox in the same transaction and the relay publishes it', async () => {
    const res = await callSubgraph<{ createClient: { client: { id: string } } }>(url, office, create, {
      input: { companyName: 'Outbox SRL', clientCode: 'OUT1', language: 'FR' },
    });
    const id = res.data!.createClient.client.id;
    const rows: { event_type: string; sent_at: Date | null }[] = await service.dataSource.query(
      `SELECT event_type, sent_at FROM outbox WHERE message_key = $1`,
      [id],
    );
    expect(rows.map((r) => r.event_type)).toEqual(['fidu.clients.v1.ClientRegistered']);
    await service.relay.flush();
    const deadline = Date.now() + 5000;
    let sent = false;
    while (!sent && Date.now() < deadline) {
      const [row] = await service.dataSource.query(`SELECT sent_at FROM outbox WHERE message_key = $1`, [id]);
      sent = row.sent_at !== null;
      if (!sent) await new Promise((r) => setTimeout(r, 50));
    }
    expect(sent).toBe(true);
  });

  it('does not write an event when the change is refused', async () => {
    const before = await service.dataSource.query(`SELECT count(*)::int AS n FROM outbox`);
    const res = await callSubgraph(url, office, create, {
      input: { companyName: 'X', clientCode: 'bad code!', language: 'FR' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('CLIENT_CODE_INVALID');
    const after = await service.dataSource.query(`SELECT count(*)::int AS n FROM outbox`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('accepts a signature only for the gateway audience and within its lifetime', async () => {
    const token = await signPrincipal(office, 'r1', 'dev-only-gateway-signing-secret-change-me');
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-fidu-principal': tampered },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(403);
  });
});
