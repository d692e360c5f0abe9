import { request } from 'node:http';
import { createServer } from 'node:net';
import type { GatewayApp, GatewayConfig, SubgraphName } from '@fidu/gateway';
import { mintToken } from '@fidu/service-kit/bearer-token';
import type { EventBus, Logger, Principal, RunningService, ServiceConfig } from '@fidu/service-kit';

/**
 * The services and the gateway are loaded when a federation starts, not when this file is imported:
 * Jest loads a test file's modules afresh for each file (about 2 s of CPU for the whole federation),
 * and under the e2e environment the worker's copy of this file starts every federation (startSystem).
 */
const FACTORIES: Record<SubgraphName, () => Promise<(config: ServiceConfig) => Promise<RunningService>>> = {
  clients: async () => (await import('@fidu/clients')).createApp,
  mandates: async () => (await import('@fidu/mandates')).createApp,
  connectors: async () => (await import('@fidu/connectors')).createApp,
  'titres-services': async () => (await import('@fidu/titres-services')).createApp,
};

export interface GraphQLResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** The whole federation, started in-process against the test Postgres and Kafka. */
export interface TestSystem {
  gatewayUrl: string;
  /** Each subgraph's own URL (tests only: real callers never reach them directly). */
  subgraphUrls: Record<SubgraphName, string>;
  services: Record<SubgraphName, RunningService>;
  gateway: GatewayApp;
  /**
   * The namespace of its topics and consumer groups on the run's broker (KAFKA_NAMESPACE): every
   * federation of a run has its own, so none consumes the events another publishes. A process a
   * test starts over this federation (a forked service, a gateway with subscriptions) takes it.
   */
  kafkaNamespace: string;
  token(principal: Principal): Promise<string>;
  /** The gateway's bearer-token secret, for a test that signs tokens of its own. */
  jwtSecret: string;
  /**
   * The signed principal a subgraph accepts (the gateway's `x-fidu-principal` header), for a test
   * that calls a subgraph directly.
   */
  principalHeader(principal: Principal, requestId?: string): Promise<string>;
  /**
   * A bus on the federation's broker and namespace, for a test that publishes or reads events
   * itself; the test closes it. (From here rather than the kit's entry point: a test file that
   * imports the kit loads all of it again, about 1.5 s of CPU under Jest.)
   */
  eventBus(clientId: string): EventBus;
  /**
   * A gateway of the test's own over this federation's subgraphs, on a free port; the test stops
   * it. Its config is the tests' (testGatewayConfig) with `env` over it (no subscriptions without
   * KAFKA_BROKERS), then `adjust`ed (a subgraph's URL, a breaker setting). Like eventBus, it spares the test file
   * loading the gateway and the kit itself.
   */
  startGateway(options?: {
    env?: NodeJS.ProcessEnv;
    adjust?: (config: GatewayConfig) => GatewayConfig;
    log?: Logger;
  }): Promise<{ gateway: GatewayApp; url: string }>;
  /** POSTs a GraphQL operation to the gateway; token null = anonymous. */
  gql<T = any>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
    requestId?: string,
  ): Promise<GraphQLResult<T>>;
  /** SQL statements all subgraphs ran for one gateway request. */
  sqlStatements(requestId: string): number;
  stop(): Promise<void>;
}

/** A free loopback port (released at once; the gateway binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * POSTs on a connection of its own and returns the answer's status and text. fetch() pools
 * keep-alive sockets, and one sits idle until the gateway closes it (5 s, e.g. between test files
 * that share a gateway, or while a loaded test checks its database): the next request could go out
 * on that socket as it closes and fail with ECONNRESET.
 */
export function post(url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function postJson(url: string, headers: Record<string, string>, body: string) {
  const { status, text } = await post(url, headers, body);
  return { status, body: JSON.parse(text) as unknown };
}

/**
 * The gateway's config in tests: its subgraph deadline is 30 s, not the production 5 s, so a test
 * on a loaded machine (two suites side by side, a broker restarting) gets its answers late rather
 * than SERVICE_UNAVAILABLE; the tests of the deadline itself set theirs (faults/frozen-subgraph).
 */
async function testGatewayConfig(env: NodeJS.ProcessEnv): Promise<GatewayConfig> {
  const { readConfig } = await import('@fidu/gateway');
  return readConfig({ NODE_ENV: 'test', SUBGRAPH_TIMEOUT_MS: '30000', ...env });
}

export interface StartOptions {
  /** A broker of the test's own (fault tests stop it); default KAFKA_BROKERS. */
  kafkaBrokers?: string[];
  /**
   * Load the services and the gateway in the test file's own module registry, not the worker's: for
   * a test that reaches into their modules' state (tracing is per module instance).
   */
  loadedInThisFile?: boolean;
}

/** Where the e2e environment (federation-environment.ts) puts its startSystem, loaded once per worker. */
export const START_SYSTEM = '__fiduStartSystem';

/**
 * Starts the four subgraphs (each on a fresh database) and the gateway on free loopback ports.
 * Under the e2e environment the worker's copy of this function does it: Jest loads a test file's
 * modules afresh for each file (about 2 s of CPU for the whole federation), the worker's once.
 */
export async function startSystem(options: StartOptions = {}): Promise<TestSystem> {
  const inWorker = (globalThis as { [START_SYSTEM]?: typeof startSystem })[START_SYSTEM];
  if (inWorker && !options.loadedInThisFile) return inWorker(options);
  return startFederation(options);
}

async function startFederation(options: StartOptions): Promise<TestSystem> {
  const kafkaBrokers = options.kafkaBrokers ?? (process.env.KAFKA_BROKERS ?? '').split(',');
  const { createKafkaBus, createLogger, signPrincipal } = await import('@fidu/service-kit');
  const { createTestDatabase, testServiceConfig } = await import('@fidu/service-kit/testing');
  const { initTracing } = await import('@fidu/service-kit/tracing');
  const { createGateway } = await import('@fidu/gateway');
  // OTEL_TRACES_EXPORTER=file FIDU_TRACES_FILE=… traces the in-process federation (kit, gateway and
  // undici spans: Jest's loader bypasses the http, express, graphql and pg instrumentations).
  initTracing('federation');
  const log = createLogger('test', process.env.LOG_LEVEL ?? 'warn');
  const names = Object.keys(FACTORIES) as SubgraphName[];
  const kafkaNamespace = `t${crypto.randomUUID().slice(0, 8)}.`;
  const services = {} as Record<SubgraphName, RunningService>;
  const urls = {} as Record<SubgraphName, string>;
  // The gateway's port is chosen first, so services can sign links through its /files proxy.
  const gatewayPort = await freePort();
  const publicUrls: Partial<Record<SubgraphName, string>> = {
    'titres-services': `http://127.0.0.1:${gatewayPort}/files/titres-services`,
    connectors: `http://127.0.0.1:${gatewayPort}/files/connectors`,
    mandates: `http://127.0.0.1:${gatewayPort}/files/mandates`,
  };
  await Promise.all(
    names.map(async (name) => {
      const config = {
        ...testServiceConfig(name, await createTestDatabase(name.replace('-', '_')), {
          kafkaBrokers,
          kafkaNamespace,
        }),
        publicUrl: publicUrls[name],
      };
      services[name] = await (await FACTORIES[name]())(config);
      urls[name] = await services[name].listen(0);
    }),
  );
  const base = await testGatewayConfig({
    KAFKA_BROKERS: kafkaBrokers.join(','),
    KAFKA_NAMESPACE: kafkaNamespace,
  });
  const config = { ...base, port: 0, subgraphUrls: urls };
  const gateway = await createGateway(config, log);
  const gatewayUrl = await gateway.listen(gatewayPort);

  return {
    gatewayUrl,
    subgraphUrls: urls,
    services,
    gateway,
    kafkaNamespace,
    token: (principal) => mintToken(principal, config.jwtSecret),
    jwtSecret: config.jwtSecret,
    principalHeader: (principal, requestId = crypto.randomUUID()) =>
      signPrincipal(principal, requestId, services.clients.config.gatewaySigningSecret),
    eventBus: (clientId) =>
      createKafkaBus({ brokers: kafkaBrokers, clientId, namespace: kafkaNamespace, log }),
    async startGateway({ env = {}, adjust = (c: GatewayConfig) => c, log: ownLog } = {}) {
      const own = await testGatewayConfig(env);
      const started = await createGateway(adjust({ ...own, port: 0, subgraphUrls: urls }), ownLog ?? log);
      return { gateway: started, url: await started.listen(0) };
    },
    async gql(token, query, variables = {}, requestId) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (requestId) headers['x-request-id'] = requestId;
      const res = await postJson(gatewayUrl, headers, JSON.stringify({ query, variables }));
      return { status: res.status, ...(res.body as object) };
    },
    sqlStatements: (requestId) =>
      names.reduce((sum, n) => sum + services[n].sqlCounter.countFor(requestId), 0),
    async stop() {
      await gateway.stop();
      await Promise.allSettled(names.map((n) => services[n].stop()));
    },
  };
}

/** Where the e2e environment (federation-environment.ts) puts the worker's shared federation. */
export const SHARED_SYSTEM = '__fiduSharedSystem';

/**
 * The federation this Jest worker shares between test files, started once by the e2e environment
 * (federation-environment.ts); its stop() leaves it running for the next file. Sharing is safe for
 * tests that keep to offices of their own (newOffice()) and count SQL per request id. A file that
 * changes the system (a stopped service or database, an outage) or asserts on its global
 * state (job runs, parked events, subscription listener counts, the demo office) uses startSystem().
 */
export async function sharedSystem(): Promise<TestSystem> {
  const workerSystem = (globalThis as { [SHARED_SYSTEM]?: () => Promise<TestSystem> })[SHARED_SYSTEM];
  if (!workerSystem) return startSystem(); // another environment: a system of the file's own
  return { ...(await workerSystem()), stop: async () => undefined };
}

/** An office principal with a fresh office id (each test gets its own tenant). */
export function newOffice(officeId = crypto.randomUUID()): Extract<Principal, { kind: 'office' }> {
  return { kind: 'office', officeId, userId: `user-${officeId.slice(0, 8)}`, roles: ['admin'] };
}
