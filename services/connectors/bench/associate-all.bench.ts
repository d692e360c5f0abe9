/**
 * "Associate all" for an office of 10,000 clients (target: under 1 second).
 * Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres KAFKA_BROKERS=127.0.0.1:<port> npx tsx bench/associate-all.bench.ts
 * Times the whole mutation over HTTP (one INSERT … SELECT, the counts, 10,000 ClientAssociated
 * events written to the outbox), on fresh offices, 3 rounds.
 */
import os from 'node:os';
import { activeConnector, median, office, registerClients, print, startBenchService } from './bench-support';

const CLIENTS = 10_000;
const ROUNDS = 3;

async function main(): Promise<void> {
  const bench = await startBenchService();
  const times: number[] = [];
  const sqlTimes: number[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const principal = office();
      await registerClients(bench.service, principal.officeId, CLIENTS);
      const connectorId = await activeConnector(bench, principal, 'exact-online');
      const started = performance.now();
      const res = await bench.gql(
        principal,
        `mutation($id: ID!) { associateAllClients(input: { connectorId: $id }) { associatedCount alreadyAssociatedCount } }`,
        { id: connectorId },
      );
      const ms = performance.now() - started;
      if (res.associateAllClients.associatedCount !== CLIENTS)
        throw new Error(`associated ${res.associateAllClients.associatedCount}`);
      const [{ n }] = await bench.service.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'fidu.connectors.v1.ClientAssociated' AND headers->>'ce_tenant' = $1`,
        [principal.officeId],
      );
      times.push(ms);
      // The set-based statement alone, on another fresh office, rolled back.
      const alone = office();
      await registerClients(bench.service, alone.officeId, CLIENTS);
      let sqlMs = 0;
      await bench.service.dataSource
        .transaction(async (em) => {
          const t = performance.now();
          await em.query(
            `INSERT INTO connector_association (id, office_id, connector_id, client_id, associated_at)
             SELECT gen_random_uuid(), d.office_id, $2, d.client_id, now() FROM client_directory d
              WHERE d.office_id = $1 AND NOT EXISTS (SELECT 1 FROM connector_association a
                     WHERE a.office_id = d.office_id AND a.client_id = d.client_id AND a.ended_at IS NULL)
             ON CONFLICT (office_id, client_id) WHERE ended_at IS NULL DO NOTHING RETURNING id`,
            [alone.officeId, connectorId],
          );
          sqlMs = performance.now() - t;
          throw new Error('rollback');
        })
        .catch(() => undefined);
      sqlTimes.push(sqlMs);
      print(
        `round ${round}: associated ${CLIENTS} clients (${n} ClientAssociated events) in ${ms.toFixed(0)} ms; the INSERT … SELECT alone: ${sqlMs.toFixed(0)} ms`,
      );
    }
    print(
      `associate all, ${CLIENTS} clients: mutation median ${median(times).toFixed(0)} ms (best ${Math.min(...times).toFixed(0)} ms); ` +
        `set-based SQL median ${median(sqlTimes).toFixed(0)} ms (target < 1000 ms); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
    );
  } finally {
    await bench.service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
