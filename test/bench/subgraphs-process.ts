/**
 * One subgraph of the gateway comparison (gateway-peers.bench.ts), named by argv, in a process of
 * its own as in production: the plan's parallel entity fetches run in parallel, and the gateways
 * under test do not share an event loop with it. On a fresh database and the run's Kafka.
 * Reports `{ type: 'ready', urls }`; answers `{ type: 'sql', requestId }` with the SQL statements
 * it ran for that request id; `stop` stops it.
 */
import 'reflect-metadata';
import { createApp as createClients } from '@fidu/clients';
import { createApp as createConnectors } from '@fidu/connectors';
import type { SubgraphName } from '@fidu/gateway';
import { createApp as createMandates } from '@fidu/mandates';
import { createApp as createTitresServices } from '@fidu/titres-services';
import type { RunningService, ServiceConfig } from '@fidu/service-kit';
import { createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';

const FACTORIES: Record<SubgraphName, (config: ServiceConfig) => Promise<RunningService>> = {
  clients: createClients,
  mandates: createMandates,
  connectors: createConnectors,
  'titres-services': createTitresServices,
};

async function main(): Promise<void> {
  const names = [process.argv[2] as SubgraphName];
  const services = {} as Record<SubgraphName, RunningService>;
  const urls = {} as Record<SubgraphName, string>;
  await Promise.all(
    names.map(async (name) => {
      const database = await createTestDatabase(`${name.replace('-', '_')}_peers`);
      services[name] = await FACTORIES[name](testServiceConfig(name, database));
      urls[name] = await services[name].listen(0);
    }),
  );
  process.send?.({ type: 'ready', urls });
  process.on('message', (message: { type: string; requestId?: string }) => {
    if (message.type === 'sql')
      process.send?.({
        type: 'sql',
        counts: Object.fromEntries(
          names.map((n) => [n, services[n].sqlCounter.countFor(message.requestId!)]),
        ),
      });
    if (message.type === 'stop')
      void Promise.allSettled(names.map((n) => services[n].stop())).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`subgraphs failed: ${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
