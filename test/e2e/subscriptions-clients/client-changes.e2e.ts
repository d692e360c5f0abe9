import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { mintToken } from '@fidu/service-kit/bearer-token';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, UPDATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { subscribe, wsUrlOf, type TestSubscriber } from '../subscriptions-support/subscriber';

const CLIENT_CHANGED = `subscription($clientId: ID) {
  clientChanged(clientId: $clientId) {
    eventId kind clientId version occurredAt
    changes { field oldValue newValue }
    client { id name: companyName ...Codes }
  }
}
fragment Codes on Client { clientCode email }`;

/**
 * An office follows its clients over WebSocket: registrations and changes arrive within a second
 * with the client resolved through the supergraph; another office never sees them.
 */
describe('subscriptions: clientChanged', () => {
  let sys: TestSystem;
  const subscribers: TestSubscriber[] = [];
  const open = (token: string | null, query = CLIENT_CHANGED, variables: Record<string, unknown> = {}) => {
    const s = subscribe(sys.gatewayUrl, token, query, variables);
    subscribers.push(s);
    return s;
  };
  const listening = (n: number) =>
    eventually(
      `${n} subscribers registered at the gateway`,
      async () => sys.gateway.subscriptions.listenerCount() === n,
    );

  beforeAll(async () => {
    sys = await sharedSystem();
    // The federation is the worker's: the counts below start from the subscribers files before this
    // one closed (each of those files waits for its own to be gone, as this one does after each test).
    await listening(0);
    await eventually('no connection left', async () => sys.gateway.subscriptions.connectionCount() === 0);
    // Warm the path once (first query plan, first fetch, JIT). Delivery latency is a figure of
    // test/bench/gateway-subscribers.bench.ts: a test on a shared machine only waits, generously.
    const token = await sys.token(newOffice());
    const warm = subscribe(sys.gatewayUrl, token, CLIENT_CHANGED);
    await listening(1);
    await sys.gql(token, CREATE_CLIENT, { input: clientInput(100) });
    await warm.next((r) => !!r.data, 10_000);
    await warm.dispose();
    await listening(0);
  });
  afterEach(async () => {
    await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
    await listening(0);
  });

  it("an office receives its client registration and update, never another office's", async () => {
    const [officeA, officeB] = [newOffice(), newOffice()];
    const [tokenA, tokenB] = await Promise.all([sys.token(officeA), sys.token(officeB)]);
    const a = open(tokenA);
    const b = open(tokenB);
    await listening(2);

    const created = await sys.gql(tokenA, CREATE_CLIENT, { input: clientInput(101) });
    const id = created.data.createClient.client.id;
    const registered = await a.next((r) => r.data?.clientChanged.clientId === id);
    expect(registered.errors).toBeUndefined();
    expect(registered.data.clientChanged).toMatchObject({
      kind: 'REGISTERED',
      version: 1,
      client: { id, name: 'Client 0101 SRL', clientCode: 'C0101', email: 'client101@example.be' },
    });
    expect(registered.data.clientChanged.changes).toContainEqual({
      field: 'clientCode',
      oldValue: null,
      newValue: 'C0101',
    });

    await sys.gql(tokenA, UPDATE_CLIENT, { input: { id, expectedVersion: 1, email: 'new@example.be' } });
    const updated = await a.next((r) => r.data?.clientChanged.version === 2);
    expect(updated.data.clientChanged).toMatchObject({
      kind: 'UPDATED',
      clientId: id,
      changes: [{ field: 'email', oldValue: 'client101@example.be', newValue: 'new@example.be' }],
      client: { email: 'new@example.be' },
    });

    // B's subscription is live (it gets B's own client) and got nothing of A's.
    const own = await sys.gql(tokenB, CREATE_CLIENT, { input: clientInput(102) });
    await b.next((r) => r.data?.clientChanged.clientId === own.data.createClient.client.id);
    expect(b.received.map((r) => r.data?.clientChanged.clientId)).toEqual([own.data.createClient.client.id]);
    expect(a.received.map((r) => r.data?.clientChanged.clientId)).not.toContain(
      own.data.createClient.client.id,
    );
  });

  it('with clientId, one client only', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const first = (await sys.gql(token, CREATE_CLIENT, { input: clientInput(103) })).data.createClient.client
      .id;
    const second = (await sys.gql(token, CREATE_CLIENT, { input: clientInput(104) })).data.createClient.client
      .id;
    const s = open(token, CLIENT_CHANGED, { clientId: second });
    await listening(1);
    await sys.gql(token, UPDATE_CLIENT, { input: { id: first, expectedVersion: 1, clientCode: 'ONE' } });
    await sys.gql(token, UPDATE_CLIENT, { input: { id: second, expectedVersion: 1, clientCode: 'TWO' } });
    const got = await s.next((r) => r.data?.clientChanged.kind === 'UPDATED');
    expect(got.data.clientChanged).toMatchObject({ clientId: second, client: { clientCode: 'TWO' } });
    // Only `second`'s events (its registration may also arrive if the relay was slower than us).
    expect(new Set(s.received.map((r) => r.data?.clientChanged.clientId))).toEqual(new Set([second]));
  });

  it('many subscribers cost one consumption and one supergraph fetch per event', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const many = Array.from({ length: 25 }, () => open(token));
    await listening(25);
    const before = sys.gateway.subscriptions.supergraphOperations();
    const id = (await sys.gql(token, CREATE_CLIENT, { input: clientInput(105) })).data.createClient.client.id;
    const got = await Promise.all(many.map((s) => s.next((r) => r.data?.clientChanged.clientId === id)));
    expect(new Set(got.map((r) => r.data.clientChanged.eventId)).size).toBe(1);
    expect(got.every((r) => r.data.clientChanged.client.name === 'Client 0105 SRL')).toBe(true);
    expect(sys.gateway.subscriptions.supergraphOperations() - before).toBe(1);
    expect(sys.gateway.subscriptions.groupId).toMatch(/^gateway-/);
  });

  it('two gateway replicas each consume every event and deliver to their own subscribers', async () => {
    const { gateway: replica, url: replicaUrl } = await sys.startGateway({
      env: { KAFKA_BROKERS: process.env.KAFKA_BROKERS, KAFKA_NAMESPACE: sys.kafkaNamespace },
    });
    try {
      expect(replica.subscriptions.groupId).not.toBe(sys.gateway.subscriptions.groupId);
      const token = await sys.token(newOffice());
      const here = open(token);
      const there = subscribe(replicaUrl, token, CLIENT_CHANGED);
      subscribers.push(there);
      await listening(1);
      await eventually('subscribed on the replica', async () => replica.subscriptions.listenerCount() === 1);
      const id = (await sys.gql(token, CREATE_CLIENT, { input: clientInput(107) })).data.createClient.client
        .id;
      const [a, b] = await Promise.all(
        [here, there].map((s) => s.next((r) => r.data?.clientChanged.clientId === id)),
      );
      expect(a!.data.clientChanged.eventId).toBe(b!.data.clientChanged.eventId);
      expect([here.received.length, there.received.length]).toEqual([1, 1]);
    } finally {
      await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
      await replica.stop();
    }
  });

  it('a subscriber that disconnects frees its listener and its connection', async () => {
    const token = await sys.token(newOffice());
    const few = Array.from({ length: 5 }, () => open(token));
    await listening(5);
    expect(sys.gateway.subscriptions.connectionCount()).toBe(5);
    await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
    await listening(0);
    await eventually('connections closed', async () => sys.gateway.subscriptions.connectionCount() === 0);
    expect(few.every((s) => s.received.length === 0)).toBe(true);
  });

  it('refuses a missing or invalid token, and a principal without subscriptions, with a reason', async () => {
    const cases = [
      { token: null, code: 4401, reason: /authorization/ },
      { token: 'not-a-jwt', code: 4401, reason: /invalid or expired/ },
      {
        token: await sys.token({ kind: 'operator', userId: 'op-1' }),
        code: 4403,
        reason: /not available to operator principals/,
      },
    ];
    for (const c of cases) {
      const s = open(c.token);
      await eventually(
        `connection closed for ${String(c.token).slice(0, 12)}`,
        async () => s.closed !== undefined,
      );
      expect(s.closed).toEqual({ code: c.code, reason: expect.stringMatching(c.reason) });
      expect(s.received).toEqual([]);
    }
  });

  it('closes the connection when its token expires, freeing the subscription', async () => {
    const office = newOffice();
    const shortLived = await mintToken(office, sys.jwtSecret, '2s');
    const s = open(shortLived);
    await listening(1);
    await eventually('the connection closed at expiry', async () => s.closed !== undefined, 10_000);
    expect(s.closed).toEqual({ code: 4401, reason: 'The bearer token expired.' });
    await listening(0);
  });

  it('one connection holds at most MAX_SUBSCRIPTIONS_PER_CONNECTION (20) subscriptions', async () => {
    const token = await sys.token(newOffice());
    const client = createClient({
      url: wsUrlOf(sys.gatewayUrl),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const refused: unknown[] = [];
    try {
      for (let i = 0; i < 21; i++) {
        client.subscribe(
          { query: CLIENT_CHANGED },
          { next: () => undefined, error: (e) => refused.push(e), complete: () => undefined },
        );
      }
      await eventually('the 21st subscription refused', async () => refused.length === 1);
      expect(refused[0]).toEqual([
        expect.objectContaining({ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }),
      ]);
      expect(sys.gateway.subscriptions.listenerCount()).toBe(20);
      expect(sys.gateway.subscriptions.connectionCount()).toBe(1);
    } finally {
      await client.dispose();
    }
  });

  it('bad subscriptions get a coded error like on HTTP, nothing registered', async () => {
    const office = await sys.token(newOffice());
    const partner = await sys.token({
      kind: 'partner',
      partnerType: 'SOCIAL_SECRETARIAT',
      partnerId: crypto.randomUUID(),
    });
    const codeOf = async (s: TestSubscriber) =>
      (await s.next((r) => !!r.errors)).errors?.[0]?.extensions?.code;
    expect(await codeOf(open(partner))).toBe('FORBIDDEN');
    expect(await codeOf(open(office, CLIENT_CHANGED, { clientId: 'nope' }))).toBe('INVALID_ID');
    expect(await codeOf(open(office, 'subscription { clientChanged { nope } }'))).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect(await codeOf(open(office, 'subscription {'))).toBe('GRAPHQL_PARSE_FAILED');
    expect(await codeOf(open(office, '{ clients { totalCount } }'))).toBe('BAD_REQUEST');
    expect(await codeOf(open(office, CLIENT_CHANGED, { clientId: { not: 'an id' } }))).toBe('BAD_USER_INPUT');
    expect(sys.gateway.subscriptions.listenerCount()).toBe(0);
  });

  it('the demo command subscribes as a principal and prints what arrives', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const cli = spawn(
      process.execPath,
      [
        join(__dirname, '..', '..', '..', 'gateway', 'dist', 'cli', 'demo-subscribe.js'),
        '--office',
        office.officeId,
        '--url',
        sys.gatewayUrl.replace(/^http/, 'ws'),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(
        'the command is connected with its two office subscriptions',
        async () => output.includes('connected to') && sys.gateway.subscriptions.listenerCount() === 2,
      );
      expect(output).toContain('listening to clientChanged, mandateStateChanged');
      const id = (await sys.gql(token, CREATE_CLIENT, { input: clientInput(106) })).data.createClient.client
        .id;
      const line = await eventually('the command printed the registration', async () =>
        output.split('\n').find((l) => l.includes(id)),
      );
      expect(JSON.parse(line)).toMatchObject({
        field: 'clientChanged',
        data: {
          clientChanged: { kind: 'REGISTERED', clientId: id, client: { companyName: 'Client 0106 SRL' } },
        },
      });
    } finally {
      cli.kill('SIGINT');
      await new Promise((r) => cli.once('exit', r));
    }
    await listening(0);
  });
});
