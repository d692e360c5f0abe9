/**
 * A day of 200,000 bank entries: the daily export routes them, then the files stream out with flat
 * memory. Run: DATABASE_URL=… KAFKA_BROKERS=… npx tsx bench/export-stream.bench.ts
 * Set-up inserts the entries with SQL (one dossier on a FEC connector: the largest single file,
 * plus 100 non-associated dossiers for the global file). Then it times the daily job, and
 * downloads both files through the signed link (HTTP on 127.0.0.1), counting bytes without
 * keeping them, while sampling RSS and heap every 20 ms.
 */
import os from 'node:os';
import { activeConnector, mb, office, registerClients, print, startBenchService } from './bench-support';
import { DAILY_EXPORT_JOB } from '../src/domain/daily-export';

const ASSOCIATED_ENTRIES = 150_000;
const GLOBAL_ENTRIES = 50_000;
const GLOBAL_DOSSIERS = 100;

function sampler() {
  let rss = 0;
  let heap = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  return { stop: () => (clearInterval(timer), { rss, heap }) };
}

async function download(url: string): Promise<{ bytes: number; lines: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(url);
  if (res.status !== 200 || !res.body) throw new Error(`download answered ${res.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  return { bytes, lines, ms: performance.now() - started };
}

async function main(): Promise<void> {
  const bench = await startBenchService();
  const ds = bench.service.dataSource;
  try {
    const principal = office();
    const [associated] = await registerClients(bench.service, principal.officeId, 1);
    const others = await registerClients(bench.service, principal.officeId, GLOBAL_DOSSIERS);
    const connectorId = await activeConnector(bench, principal, 'cegid');
    await bench.gql(
      principal,
      `mutation($c: ID!, $id: ID!) { associateClients(input: { connectorId: $c, clientIds: [$id] }) { associations { associatedAt } } }`,
      {
        c: connectorId,
        id: associated,
      },
    );
    const t0 = performance.now();
    await ds.query(
      `INSERT INTO bank_entry (id, office_id, client_id, iban, bank_id, bank_reference, booking_date, amount_cents, currency, label, counterparty_name, received_at)
       SELECT gen_random_uuid(), $1, $2, 'BE68539007547034', 'ba000000-0000-4000-8000-000000000002', 'REF-' || n, DATE '2026-11-20',
              CASE WHEN n % 2 = 0 THEN 1 ELSE -1 END * (1000 + n), 'EUR', 'Paiement facture ' || n, 'Fournisseur ' || (n % 500), now()
         FROM generate_series(1, $3) AS n`,
      [principal.officeId, associated, ASSOCIATED_ENTRIES],
    );
    await ds.query(
      `INSERT INTO bank_entry (id, office_id, client_id, iban, bank_id, bank_reference, booking_date, amount_cents, currency, label, counterparty_name, received_at)
       SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + n % $4], 'BE' || n, 'ba000000-0000-4000-8000-000000000002', 'G-' || n, DATE '2026-11-20',
              1000 + n, 'EUR', 'Virement ' || n, 'Client final ' || n, now()
         FROM generate_series(1, $3) AS n`,
      [principal.officeId, others, GLOBAL_ENTRIES, GLOBAL_DOSSIERS],
    );
    await ds.query(`ANALYZE bank_entry`);
    print(
      `set-up: ${ASSOCIATED_ENTRIES + GLOBAL_ENTRIES} entries inserted in ${(performance.now() - t0).toFixed(0)} ms`,
    );

    const base = process.memoryUsage();
    const jobStart = performance.now();
    const outcome = await bench.service.scheduler.trigger(DAILY_EXPORT_JOB, new Date('2031-06-01T04:00:00Z'));
    print(`daily export job: ${(performance.now() - jobStart).toFixed(0)} ms — ${JSON.stringify(outcome)}`);

    const files = await bench.gql(
      principal,
      `{ exportBatches { edges { node { entryCount file { fileName downloadUrl } } } } globalFile { entryCount file(format: FEC) { fileName downloadUrl } } }`,
    );
    const batch = files.exportBatches.edges[0].node;
    global.gc?.();
    const before = process.memoryUsage();
    const memory = sampler();
    const fec = await download(batch.file.downloadUrl);
    const globalFec = await download(files.globalFile.file.downloadUrl);
    const peak = memory.stop();
    print(
      `export batch ${batch.file.fileName}: ${batch.entryCount} entries, ${fec.lines} lines, ${mb(fec.bytes)} streamed in ${fec.ms.toFixed(0)} ms`,
    );
    print(
      `global file ${files.globalFile.file.fileName}: ${files.globalFile.entryCount} entries, ${globalFec.lines} lines, ${mb(globalFec.bytes)} streamed in ${globalFec.ms.toFixed(0)} ms`,
    );
    print(
      `memory: RSS ${mb(base.rss)} at start, ${mb(before.rss)} before streaming, peak ${mb(peak.rss)} while streaming ${mb(fec.bytes + globalFec.bytes)}; ` +
        `heap used ${mb(before.heapUsed)} before, peak ${mb(peak.heap)}`,
    );
    print(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  } finally {
    await bench.service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
