import { Writable } from 'node:stream';
import pino from 'pino';
import { ClientUpdatedSchema, encodeEvent } from '@fidu/proto-events';
import { createGateway, readConfig, type GatewayApp } from '@fidu/gateway';
import { createKafkaBus, createLogger } from '@fidu/service-kit';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import { PrivateBroker } from '../../support/private-broker';
import { subscribe } from '../subscriptions-support/subscriber';

const CLIENT_CHANGED = 'subscription { clientChanged { eventId version client { companyName } } }';
const log = createLogger('test', process.env.LOG_LEVEL ?? 'error');
/** What the gateway's Kafka client reports (it logs broker trouble as warnings with a `kafka` field). */
const kafkaWarnings: string[] = [];
const gatewayLog = pino(
  { level: 'warn' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        if ('kafka' in JSON.parse(line)) kafkaWarnings.push(line);
      done();
    },
  }),
);

/**
 * A gateway whose feeds come from a broker this test owns: the broker stops, the gateway keeps
 * serving (HTTP and the open WebSocket), the broker comes back, delivery resumes.
 */
describe('subscriptions: Kafka outage', () => {
  let sys: TestSystem;
  let kafka: PrivateBroker;
  let gateway: GatewayApp;
  let gatewayUrl: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    kafka = await PrivateBroker.start('outage-kafka');
    const base = readConfig({ NODE_ENV: 'test' });
    gateway = await createGateway(
      {
        ...base,
        port: 0,
        subgraphUrls: sys.subgraphUrls,
        subscriptions: { ...base.subscriptions, kafkaBrokers: kafka.brokers },
      },
      gatewayLog,
    );
    gatewayUrl = await gateway.listen(0);
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await kafka?.dispose();
    await sys?.stop();
  });

  /** Publishes ClientUpdated events (version 2, 3, …) for the client on the test's broker. */
  async function publishUpdate(officeId: string, clientId: string, version: number): Promise<void> {
    const bus = createKafkaBus({ brokers: kafka.brokers, clientId: 'outage-test', log });
    try {
      await bus.publish([
        encodeEvent(
          ClientUpdatedSchema,
          { clientId, officeId, version, changes: [{ field: 'email', newValue: `v${version}@x.be` }] },
          { source: 'clients', tenant: officeId, subject: clientId },
        ),
      ]);
    } finally {
      await bus.close();
    }
  }

  it('the gateway survives the broker stopping and delivers again once it is back', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const clientId = (await sys.gql(token, CREATE_CLIENT, { input: clientInput(301) })).data.createClient
      .client.id;
    const s = subscribe(gatewayUrl, token, CLIENT_CHANGED);
    await eventually('subscribed', async () => gateway.subscriptions.listenerCount() === 1);
    expect(gateway.subscriptions.state()).toBe('consuming');

    await publishUpdate(office.officeId, clientId, 2);
    expect((await s.next((r) => r.data?.clientChanged.version === 2)).data.clientChanged.client).toEqual({
      companyName: 'Client 0301 SRL',
    });

    const warningsBefore = kafkaWarnings.length;
    await kafka.stop();
    // Once the gateway's Kafka client has lost the broker, queries still work through this gateway,
    // the WebSocket stays open and nothing crashed.
    await eventually(
      "the gateway's Kafka client reports the broker gone",
      async () => kafkaWarnings.length > warningsBefore,
      60_000,
    );
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ client(id: "' + clientId + '") { companyName } }' }),
    });
    expect(((await res.json()) as any).data.client.companyName).toBe('Client 0301 SRL');
    expect((await fetch(gatewayUrl.replace('/graphql', '/health/ready'))).status).toBe(200);
    expect(s.closed).toBeUndefined();
    expect(gateway.subscriptions.listenerCount()).toBe(1);

    await kafka.restart();
    // Delivery resumes: keep publishing until the consumer (restarted by the client library) delivers one.
    let version = 3;
    await eventually(
      'an event published after the broker came back is delivered',
      async () => {
        await publishUpdate(office.officeId, clientId, version++);
        return s.received.some((r) => (r.data?.clientChanged.version ?? 0) >= 3);
      },
      60_000,
      1000,
    );
  }, 150_000);
});
