/**
 * The consuming services' own consumers on a burst of client events: mandates, connectors and
 * titres-services (each its real createApp: handlers, inbox, set-based client directory) read the
 * same 20,000 events (2,000 clients registered, then updated 9 times) published at once to
 * clients.client.v1; figure: events/s per service until its inbox holds them all. The issue this
 * answers measured about 40 events/s per service for such a burst when each event had its own
 * transaction. Figures go out as `BENCH_FIGURE {json}` lines for the suite's table.
 * Run (after `npx turbo run build`): DATABASE_URL=… KAFKA_BROKERS=… npx tsx test/bench/service-consumers.bench.ts
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createApp as createConnectors } from '@fidu/connectors';
import { createApp as createMandates } from '@fidu/mandates';
import { ClientRegisteredSchema, ClientUpdatedSchema, encodeEvent } from '@fidu/proto-events';
import { createKafkaBus, createLogger, type RunningService, type ServiceConfig } from '@fidu/service-kit';
import { benchFigure as figure, createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp as createTitresServices } from '@fidu/titres-services';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2_000);
const PER_CLIENT = 10;
const TARGET = 5_000;

/** Each client registered, then updated PER_CLIENT - 1 times, as the clients service writes them. */
function burst(officeId: string) {
  const records: ReturnType<typeof encodeEvent>[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const clientId = randomUUID();
    const meta = { source: 'clients', tenant: officeId, subject: clientId };
    records.push(
      encodeEvent(
        ClientRegisteredSchema,
        { clientId, officeId, companyName: `Burst ${c}`, clientCode: `B${c}`, language: 'fr', version: 1 },
        meta,
      ),
    );
    for (let v = 2; v <= PER_CLIENT; v++)
      records.push(
        encodeEvent(
          ClientUpdatedSchema,
          { clientId, officeId, version: v, changes: [{ field: 'email', newValue: `v${v}@burst.be` }] },
          meta,
        ),
      );
  }
  return records;
}

const SERVICES: Record<string, (config: ServiceConfig) => Promise<RunningService>> = {
  mandates: createMandates,
  connectors: createConnectors,
  'titres-services': createTitresServices,
};

async function main(): Promise<void> {
  const log = createLogger('consumers-bench', 'error');
  const services = await Promise.all(
    Object.entries(SERVICES).map(async ([name, create]) => ({
      name,
      service: await create(
        testServiceConfig(name, await createTestDatabase(`bench_${name.replace('-', '_')}`)),
      ),
    })),
  );
  const bus = createKafkaBus({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'consumers-bench',
    log,
  });
  const officeId = `office-burst-${randomUUID().slice(0, 8)}`;
  const records = burst(officeId);
  const started = Date.now();
  for (let i = 0; i < records.length; i += 2_000) await bus.publish(records.slice(i, i + 2_000));
  process.stdout.write(`published ${records.length} events in ${Date.now() - started} ms\n`);

  await Promise.all(
    services.map(async ({ name, service }) => {
      const deadline = started + 300_000;
      let held = 0;
      while (Date.now() < deadline) {
        [{ n: held }] = await service.dataSource.query(`SELECT count(*)::int AS n FROM inbox`);
        if (held >= records.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const ms = Date.now() - started;
      const rate = Math.round((held / ms) * 1000);
      process.stdout.write(`${name}: ${held}/${records.length} events in ${ms} ms\n`);
      figure(
        `event path: ${name} consumes a burst of 20,000 client events`,
        rate,
        'events/s',
        `>= ${TARGET}`,
        rate >= TARGET && held >= records.length,
      );
    }),
  );
  await bus.close();
  await Promise.all(services.map(({ service }) => service.stop()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
