import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { createTestDatabase } from '@fidu/service-kit/testing';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import { PrivateBroker } from '../../support/private-broker';
import { forkService } from '../../support/service-process';
import { newOffice, startSystem, type TestSystem } from '../../support/system';
import {
  createClients,
  expectEveryEventAppliedOnce,
  unsentRows,
  updateBurst,
  type ClientState,
} from './event-delivery';

/** How long the broker stays frozen: longer than the consumers' 10 s session timeout. */
const FREEZE_MS = 20_000;

/**
 * The broker fails while a burst of updates flows through the gateway: frozen (SIGSTOP) for 20 s,
 * or killed (SIGKILL) and restarted on its data. Mutations keep committing (the outbox holds their
 * events), and afterwards every event reaches every consuming service exactly once. Last, a service
 * dies after its commit and before its relay published: the row goes out once it is back.
 */
describe('faults: the event path when the broker or a publisher fails', () => {
  let kafka: PrivateBroker;
  let sys: TestSystem;

  beforeAll(async () => {
    kafka = await PrivateBroker.start('broker-faults');
    sys = await startSystem({ kafkaBrokers: kafka.brokers });
  }, 300_000);
  afterAll(async () => {
    kafka?.thaw();
    await sys?.stop();
    await kafka?.dispose();
  });

  /**
   * A burst that starts, lets `fault()` run once three rounds went through, and goes on until the
   * fault is over and five rounds more.
   */
  async function burstAround(clients: ClientState[], token: string, fault: () => Promise<void>) {
    let faultOver = false;
    let roundsAfter = 0;
    let startFault!: () => void;
    const threeRoundsDone = new Promise<void>((resolve) => (startFault = resolve));
    const burst = updateBurst(sys, token, clients, (round) => {
      if (round === 3) startFault();
      if (faultOver) roundsAfter++;
      return roundsAfter <= 5;
    });
    await threeRoundsDone;
    await fault();
    faultOver = true;
    await burst;
    // Registration + at least eight rounds of updates each.
    expect(Math.min(...clients.map((c) => c.version))).toBeGreaterThanOrEqual(9);
  }

  const eventsPileUp = (clients: ClientState[]) =>
    eventually('events wait in the outbox', async () => (await unsentRows(sys, clients)) > 0, 60_000);

  it('frozen for 20 s during a burst: every event applied exactly once', async () => {
    const token = await sys.token(newOffice());
    const clients = await createClients(sys, token, 10, 7001);
    await burstAround(clients, token, async () => {
      kafka.freeze();
      await eventsPileUp(clients);
      // The fault itself lasts a fixed time; the burst keeps committing meanwhile.
      await sleep(FREEZE_MS);
      kafka.thaw();
    });
    await expectEveryEventAppliedOnce(sys, clients);
  }, 300_000);

  it('killed and restarted during a burst: every event applied exactly once', async () => {
    const token = await sys.token(newOffice());
    const clients = await createClients(sys, token, 10, 7101);
    await burstAround(clients, token, async () => {
      await kafka.crash();
      await eventsPileUp(clients);
      await kafka.restart();
    });
    await expectEveryEventAppliedOnce(sys, clients);
  }, 300_000);

  it('a service killed between commit and publish: the row is published after its restart', async () => {
    const env = {
      DATABASE_URL: await createTestDatabase('clients_killed'),
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_NAMESPACE: sys.kafkaNamespace,
    };
    const db = new Client({ connectionString: env.DATABASE_URL });
    let clients = await forkService('clients', env);
    const { gateway, url } = await sys.startGateway({
      adjust: (config) => ({ ...config, subgraphUrls: { ...config.subgraphUrls, clients: clients.url } }),
    });
    try {
      await db.connect();
      // Frozen broker: the relay's send cannot complete, so the commit happens and the publish not.
      kafka.freeze();
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await sys.token(newOffice())}`,
        },
        body: JSON.stringify({ query: CREATE_CLIENT, variables: { input: clientInput(7201) } }),
      });
      const clientId: string = ((await res.json()) as any).data.createClient.client.id;
      const rowOf = async () =>
        (await db.query(`SELECT id, sent_at FROM outbox WHERE message_key = $1`, [clientId])).rows;
      const [committed] = await rowOf();
      expect(committed.sent_at).toBeNull();

      await clients.crash();
      kafka.thaw();
      expect(await rowOf()).toEqual([committed]); // nobody else relays this database's outbox
      clients = await forkService('clients', env);
      await eventually(
        'the restarted service publishes the row',
        async () => (await rowOf())[0].sent_at,
        120_000,
      );
      const mandates = sys.services.mandates.dataSource;
      await eventually(
        'mandates applied the event once',
        async () =>
          (
            await mandates.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [committed.id])
          )[0].n === 1,
        120_000,
      );
    } finally {
      kafka.thaw();
      await gateway.stop();
      await clients.stop();
      await db.end();
    }
  }, 300_000);
});
