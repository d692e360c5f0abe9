import type { EventBus } from '@fidu/service-kit';
import { eventually } from '@fidu/service-kit/testing';
import { clientInput } from '../../support/fixtures';
import { newOffice, sharedSystem, type TestSystem } from '../../support/system';
import { scrape, sumOf, type Sample } from './prometheus-text';

const CREATE = `mutation ObsCreateClient($input: CreateClientInput!) { createClient(input: $input) { client { id } } }`;
const LIST = `query ObsListClients { clients(first: 5) { totalCount } }`;
const TOPIC = 'clients.client.v1';

/**
 * `/metrics` on the gateway and on every service (Prometheus text, prom-client), and the series
 * an operator watches moving under load: N mutations → N requests counted per operation at the
 * gateway and its subgraph fetches, N rows published by the clients relay with its backlog back
 * to 0, N events applied by mandates with its consumer lag back to 0; a redelivered event counted
 * as a duplicate; a job attempt counted; errors counted by code.
 */
describe('observability: /metrics on every process', () => {
  let sys: TestSystem;
  let token: string;
  let bus: EventBus;
  const origin = (url: string) => new URL(url).origin;
  const gateway = () => scrape(origin(sys.gatewayUrl));
  const service = (name: keyof TestSystem['subgraphUrls']) => scrape(origin(sys.subgraphUrls[name]));

  beforeAll(async () => {
    sys = await sharedSystem();
    token = await sys.token(newOffice());
    bus = sys.eventBus('e2e-metrics');
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('answers on the gateway and each service, with process metrics and the fidu series', async () => {
    const origins = [sys.gatewayUrl, ...Object.values(sys.subgraphUrls)].map(origin);
    for (const samples of await Promise.all(origins.map(scrape)))
      expect(sumOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // Every process declares the request series (samples appear with the first request).
    for (const text of await Promise.all(origins.map(async (o) => (await fetch(`${o}/metrics`)).text()))) {
      expect(text).toContain('# TYPE fidu_graphql_requests_total counter');
      expect(text).toContain('# TYPE fidu_graphql_request_duration_seconds histogram');
    }
    const clients = await service('clients');
    expect(sumOf(clients, 'fidu_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(sumOf(clients, 'fidu_db_pool_connections', { state: 'waiting' })).toBe(0);
    // Mandates consumes the clients' topic: one lag series per partition of it.
    const lag = (await service('mandates')).filter(
      (s) => s.name === 'fidu_consumer_lag' && s.labels.topic === TOPIC,
    );
    expect(lag.length).toBeGreaterThanOrEqual(1);
    expect(lag[0]!.labels.group).toBe(sys.services.mandates.config.kafkaGroupId);
    // The gateway's subscriptions consumer too (its own group).
    const gatewayLag = (await gateway()).filter(
      (s) => s.name === 'fidu_consumer_lag' && s.labels.group === sys.gateway.subscriptions.groupId,
    );
    expect(gatewayLag.map((s) => s.labels.topic)).toContain(TOPIC);
  });

  it('after N mutations: requests and subgraph fetches counted, N rows published, backlog and lag back to 0', async () => {
    const N = 20;
    const requests = (s: Sample[]) =>
      sumOf(s, 'fidu_graphql_requests_total', {
        operation: 'ObsCreateClient',
        type: 'mutation',
        outcome: 'ok',
      });
    const before = {
      gateway: await gateway(),
      clients: await service('clients'),
      mandates: await service('mandates'),
    };

    for (let i = 0; i < N; i += 5)
      await Promise.all(
        Array.from({ length: 5 }, async (_, j) => {
          const res = await sys.gql(token, CREATE, { input: clientInput(7000 + i + j) });
          expect(res.errors).toBeUndefined();
        }),
      );

    const gatewayAfter = await gateway();
    expect(requests(gatewayAfter) - requests(before.gateway)).toBe(N);
    const latencyCount = (s: Sample[]) =>
      sumOf(s, 'fidu_graphql_request_duration_seconds_count', { operation: 'ObsCreateClient' });
    expect(latencyCount(gatewayAfter) - latencyCount(before.gateway)).toBe(N);
    const fetches = (s: Sample[]) =>
      sumOf(s, 'fidu_gateway_subgraph_fetches_total', { subgraph: 'clients', outcome: '200' });
    expect(fetches(gatewayAfter) - fetches(before.gateway)).toBeGreaterThanOrEqual(N);
    expect(
      sumOf(gatewayAfter, 'fidu_gateway_http_responses_total', { status: '200' }),
    ).toBeGreaterThanOrEqual(N);
    // The subgraph counts the gateway's fetches under their own names (ObsCreateClient__clients__0).
    const subgraphRequests = (s: Sample[]) =>
      s
        .filter(
          (x) =>
            x.name === 'fidu_graphql_requests_total' &&
            x.labels.operation?.startsWith('ObsCreateClient__clients'),
        )
        .reduce((sum, x) => sum + x.value, 0);
    expect(subgraphRequests(await service('clients')) - subgraphRequests(before.clients)).toBe(N);

    const published = (s: Sample[]) => sumOf(s, 'fidu_outbox_published_total', { topic: TOPIC });
    await eventually(
      'the clients relay published the N events and its backlog is empty',
      async () => {
        const now = await service('clients');
        return (
          published(now) - published(before.clients) >= N &&
          sumOf(now, 'fidu_outbox_backlog') === 0 &&
          sumOf(now, 'fidu_outbox_oldest_unsent_age_seconds') === 0
        );
      },
      30_000,
    );
    const applied = (s: Sample[]) =>
      sumOf(s, 'fidu_inbox_events_total', { topic: TOPIC, outcome: 'applied' });
    await eventually(
      'mandates applied the N events and its lag on the topic is back to 0',
      async () => {
        const now = await service('mandates');
        const lagSeries = now.filter((s) => s.name === 'fidu_consumer_lag' && s.labels.topic === TOPIC);
        return (
          applied(now) - applied(before.mandates) >= N &&
          lagSeries.length > 0 &&
          lagSeries.every((s) => s.value === 0)
        );
      },
      60_000,
    );
    await eventually(
      "the gateway's subscriptions consumer is not behind on the topic",
      async () =>
        (await gateway())
          .filter((s) => s.name === 'fidu_consumer_lag' && s.labels.topic === TOPIC)
          .every((s) => s.value === 0),
      30_000,
    );
  });

  it('a redelivered event is counted as a duplicate the inbox skipped', async () => {
    // Counters move with every federation on the run's broker (Jest runs files side by side): this
    // test's own event is followed in mandates' inbox, and the counters only have to move with it.
    const count = async (outcome: string) =>
      sumOf(await service('mandates'), 'fidu_inbox_events_total', { topic: TOPIC, outcome });
    const mandatesInbox = async (eventId: string) =>
      (
        await sys.services.mandates.dataSource.query(
          `SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`,
          [eventId],
        )
      )[0].n as number;
    const appliedBefore = await count('applied');
    const created = await sys.gql(token, CREATE, { input: clientInput(7100) });
    const id = created.data.createClient.client.id as string;
    const [row] = await sys.services.clients.dataSource.query(
      `SELECT id, topic, message_key, payload, headers FROM outbox WHERE message_key = $1`,
      [id],
    );
    await eventually(
      'mandates applied the registration',
      async () => (await mandatesInbox(row.id)) === 1,
      30_000,
    );
    expect(await count('applied')).toBeGreaterThan(appliedBefore);

    const duplicatesBefore = await count('duplicate');
    await bus.publish([{ topic: row.topic, key: row.message_key, value: row.payload, headers: row.headers }]);
    await eventually(
      'mandates counted the redelivery as a duplicate',
      async () => (await count('duplicate')) > duplicatesBefore,
      30_000,
    );
    expect(await mandatesInbox(row.id)).toBe(1);
  });

  it('counts errors by code, and job attempts by outcome', async () => {
    const codes = async () =>
      sumOf(await gateway(), 'fidu_graphql_errors_total', { code: 'UNAUTHENTICATED' });
    const before = await codes();
    const anonymous = await sys.gql(null, LIST);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await codes()).toBe(before + 1);
    const failedRequests = sumOf(await gateway(), 'fidu_graphql_requests_total', {
      operation: 'ObsListClients',
      outcome: 'error',
    });
    expect(failedRequests).toBeGreaterThanOrEqual(1);

    const [job] = sys.services.mandates.scheduler.jobs;
    const attempts = async () => sumOf(await service('mandates'), 'fidu_job_runs_total', { job: job!.name });
    const attemptsBefore = await attempts();
    await sys.services.mandates.scheduler.trigger(job!.name);
    expect(await attempts()).toBe(attemptsBefore + 1);
  });
});
