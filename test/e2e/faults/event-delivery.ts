import { setTimeout as sleep } from 'node:timers/promises';
import type { TestSystem } from '../../support/system';
import { CREATE_CLIENT, UPDATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';

/** The services that project the clients' events (each keeps a client_directory). */
export const CLIENT_EVENT_CONSUMERS = ['mandates', 'connectors', 'titres-services'] as const;

export interface ClientState {
  id: string;
  version: number;
  email: string;
}

/** Creates `count` clients for the token's office; returns their state after creation. */
export async function createClients(
  sys: TestSystem,
  token: string,
  count: number,
  firstSeed: number,
): Promise<ClientState[]> {
  const created: ClientState[] = [];
  for (let n = firstSeed; n < firstSeed + count; n++) {
    const res = await sys.gql(token, CREATE_CLIENT, { input: clientInput(n) });
    if (!res.data) throw new Error(`createClient failed: ${JSON.stringify(res.errors)}`);
    const { id, version, email } = res.data.createClient.client;
    created.push({ id, version, email });
  }
  return created;
}

const CLIENT_STATE = `query($id: ID!) { client(id: $id) { id version email } }`;

/**
 * A round of the burst lasts at least this long. The burst stands for steady traffic during a
 * fault, not for load: unpaced, a quiet machine ran 600 rounds through the freeze and 460 through
 * the broker's restart, and the broker-faults file cost 69 CPU-s (a seventh of the test run's);
 * paced, 90 and 67 rounds, still hundreds of events held back per fault, and 26 CPU-s.
 */
const ROUND_MS = 250;

/**
 * Updates every client once per round (the clients in parallel, each client's updates in order,
 * a round at most every ROUND_MS) until `keepGoing()` says stop. The clients' state is kept
 * current, so the last email of each is what every projection must end up with. An update the gateway gave up on (a subgraph timeout on
 * a loaded machine) may or may not have committed: the client is read again and the burst goes on.
 */
export async function updateBurst(
  sys: TestSystem,
  token: string,
  clients: ClientState[],
  keepGoing: (round: number) => boolean,
): Promise<void> {
  for (let round = 0; keepGoing(round); round++) {
    await Promise.all([
      sleep(ROUND_MS),
      ...clients.map(async (client) => {
        const email = `r${round}.${client.id.slice(0, 8)}@example.be`;
        const res = await sys.gql(token, UPDATE_CLIENT, {
          input: { id: client.id, expectedVersion: client.version, email },
        });
        const state =
          res.data?.updateClient?.client ??
          (await eventually(
            `client ${client.id} can be read back after: ${JSON.stringify(res.errors)}`,
            async () => (await sys.gql(token, CLIENT_STATE, { id: client.id })).data?.client,
            60_000,
            500,
          ));
        client.version = state.version;
        client.email = state.email;
      }),
    ]);
  }
}

/** Outbox rows of these clients the relay has not published yet. */
export async function unsentRows(sys: TestSystem, clients: ClientState[]): Promise<number> {
  const [row] = await sys.services.clients.dataSource.query(
    `SELECT count(*)::int AS n FROM outbox WHERE message_key = ANY($1) AND sent_at IS NULL`,
    [clients.map((c) => c.id)],
  );
  return row.n;
}

/**
 * Every event the clients service committed for these clients (one per version) is published, and every consuming
 * service recorded each of them exactly once in its inbox (the inbox row is written in the same
 * transaction as the handler's effect) and projects each client's last state.
 */
export async function expectEveryEventAppliedOnce(
  sys: TestSystem,
  clients: ClientState[],
  deadlineMs = 180_000,
): Promise<void> {
  const ids = clients.map((c) => c.id);
  const outbox = sys.services.clients.dataSource;
  await eventually(
    'the clients relay has published every row',
    async () => (await unsentRows(sys, clients)) === 0,
    deadlineMs,
    250,
  );
  const eventIds: string[] = (
    await outbox.query(`SELECT id FROM outbox WHERE message_key = ANY($1) ORDER BY id`, [ids])
  ).map((r: { id: string }) => r.id);

  for (const name of CLIENT_EVENT_CONSUMERS) {
    const db = sys.services[name].dataSource;
    await eventually(
      `${name} applied every client event`,
      async () =>
        (await db.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)`, [eventIds]))[0].n ===
        eventIds.length,
      deadlineMs,
      250,
    );
    const applied: { event_id: string; times: number }[] = await db.query(
      `SELECT event_id, count(*)::int AS times FROM inbox WHERE event_id = ANY($1)
       GROUP BY event_id ORDER BY event_id`,
      [eventIds],
    );
    expect(applied).toEqual(eventIds.map((id) => ({ event_id: id, times: 1 })));
    const projected = await db.query(
      `SELECT client_id AS id, version, email FROM client_directory WHERE client_id = ANY($1) ORDER BY client_id`,
      [ids],
    );
    expect(projected).toEqual([...clients].sort((a, b) => (a.id < b.id ? -1 : 1)));
  }
  // A client's version counts its events (1 at registration, +1 per update): none is missing.
  expect(eventIds.length).toBe(clients.reduce((sum, c) => sum + c.version, 0));
}
