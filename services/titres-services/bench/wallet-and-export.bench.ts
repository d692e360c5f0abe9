/**
 * Benchmark: voucher attribution under concurrency and the streamed export.
 * Run: DATABASE_URL=postgres://… KAFKA_BROKERS=127.0.0.1:… npx tsx bench/wallet-and-export.bench.ts (from services/titres-services)
 * Only 127.0.0.1 traffic; each scenario is bounded (fixed work, 60 s cap overall).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type Principal } from '@fidu/service-kit';
import { callSubgraph, createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp } from '../src/app';

/** Benchmark results go to stdout, one line each. */
const say = (...parts: unknown[]) => process.stdout.write(`${parts.join(' ')}\n`);

const CAP_MS = 60_000;
const started = Date.now();

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const service = await createApp(
    testServiceConfig('titres-services', await createTestDatabase('titres_services_bench')),
  );
  const url = await service.listen(0);
  const ds = service.dataSource;
  const officeId = `bench-${randomUUID()}`;
  const companyId = randomUUID();
  const workerId = randomUUID();
  await ds.query(
    `INSERT INTO approved_company (id, office_id, client_id, approval_number, financial_contact_name, financial_contact_email,
       created_at, updated_at, version) VALUES ($1, $2, $3, '012345', 'M', 'm@x.be', now(), now(), 1)`,
    [companyId, officeId, randomUUID()],
  );
  await ds.query(
    `INSERT INTO worker (id, office_id, company_id, first_name, last_name, created_at) VALUES ($1, $2, $3, 'Zoé', 'Martin', now())`,
    [workerId, officeId, companyId],
  );

  async function userWithPrestations(
    n: number,
    hours: number,
  ): Promise<{ id: string; prestations: string[] }> {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO voucher_user (id, office_id, registered_by_company_id, first_name, last_name, email, created_at)
       VALUES ($1, $2, $3, 'B', 'User', $4, now())`,
      [id, officeId, companyId, `${id}@x.be`],
    );
    const rows = (await ds.query(
      `INSERT INTO prestation (id, office_id, company_id, worker_id, voucher_user_id, performed_on, hours, activity, encoded_by,
         state, period_ends_on, created_at, updated_at, version)
       SELECT gen_random_uuid(), $1, $2, $3, $4, current_date - 1, $5, 'CLEANING', 'WORKER', 'VALIDATED', current_date + 7,
         now() + make_interval(secs => g), now(), 1 FROM generate_series(1, $6) g RETURNING id`,
      [officeId, companyId, workerId, id, hours, n],
    )) as { id: string }[];
    return { id, prestations: rows.map((r) => r.id) };
  }

  const ORDER = `mutation($q: Int!) { orderVouchers(input: { quantity: $q }) { order { id } servedPrestations { id } } }`;
  const CONFIRM = `mutation($id: ID!) { confirmPrestation(input: { prestationId: $id }) { prestation { state } } }`;
  async function timed(
    principal: Principal,
    query: string,
    variables: Record<string, unknown>,
    latencies: number[],
  ): Promise<void> {
    const t = performance.now();
    const res = await callSubgraph(url, principal, query, variables);
    latencies.push(performance.now() - t);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }

  // A: 40 wallets in parallel, each: 8 confirmations (3 h each) racing 6 orders of 4 vouchers.
  const users = await Promise.all(Array.from({ length: 40 }, () => userWithPrestations(8, 3)));
  const latA: number[] = [];
  let t0 = performance.now();
  await Promise.all(
    users.map((u) => {
      const p: Principal = { kind: 'voucher_user', voucherUserId: u.id };
      return Promise.all([
        ...u.prestations.map((id) => timed(p, CONFIRM, { id }, latA)),
        ...Array.from({ length: 6 }, () => timed(p, ORDER, { q: 4 }, latA)),
      ]);
    }),
  );
  const msA = performance.now() - t0;
  const [checkA] = (await ds.query(
    `SELECT (SELECT sum(vouchers_attributed)::int FROM prestation WHERE office_id = $1) AS counted,
            (SELECT count(*)::int FROM voucher WHERE office_id = $1 AND prestation_id IS NOT NULL) AS attributed`,
    [officeId],
  )) as { counted: number; attributed: number }[];
  say(
    `A  40 wallets × (8 confirmations + 6 orders) = ${latA.length} mutations in ${msA.toFixed(0)} ms → ${(latA.length / (msA / 1000)).toFixed(0)}/s; ` +
      `p50 ${pct(latA, 50).toFixed(1)} ms, p95 ${pct(latA, 95).toFixed(1)} ms; vouchers attributed ${checkA!.attributed}, counters ${checkA!.counted}`,
  );

  // B: one hot wallet: 100 concurrent orders of 1 voucher against 40 waiting prestations (the wallet lock serialises them).
  const hot = await userWithPrestations(40, 3);
  const hotP: Principal = { kind: 'voucher_user', voucherUserId: hot.id };
  await Promise.all(hot.prestations.map((id) => timed(hotP, CONFIRM, { id }, [])));
  const latB: number[] = [];
  t0 = performance.now();
  await Promise.all(Array.from({ length: 100 }, () => timed(hotP, ORDER, { q: 1 }, latB)));
  const msB = performance.now() - t0;
  say(
    `B  1 wallet, 100 concurrent orders: ${msB.toFixed(0)} ms → ${(100 / (msB / 1000)).toFixed(0)}/s; p50 ${pct(latB, 50).toFixed(1)} ms, p95 ${pct(latB, 95).toFixed(1)} ms`,
  );

  // C: export of 50 000 prestations, streamed.
  await ds.query(
    `INSERT INTO prestation (id, office_id, company_id, worker_id, voucher_user_id, performed_on, hours, activity, encoded_by,
       state, period_ends_on, created_at, updated_at, version)
     SELECT gen_random_uuid(), $1, $2, $3, $4, current_date - 1, 2, 'CLEANING', 'COMPANY', 'ATTRIBUTED', current_date + 7,
       now() - make_interval(secs => g), now(), 1 FROM generate_series(1, 50000) g`,
    [officeId, companyId, workerId, hot.id],
  );
  const link = (
    await callSubgraph<{ exportPrestations: { downloadUrl: string } }>(
      url,
      { kind: 'company', companyId },
      `mutation($c: ID!) { exportPrestations(input: { companyId: $c }) { downloadUrl } }`,
      { c: companyId },
    )
  ).data!.exportPrestations.downloadUrl;
  // The link names the gateway's file proxy; no gateway runs here, so the bench asks the subgraph's route itself.
  const { pathname, search } = new URL(link);
  const route = `${pathname.slice(pathname.indexOf('/exports/'))}${search}`;
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  t0 = performance.now();
  const res = await fetch(new URL(route, url).toString());
  let bytes = 0;
  let firstByteMs = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!firstByteMs) firstByteMs = performance.now() - t0;
    bytes += value.byteLength;
  }
  const msC = performance.now() - t0;
  clearInterval(sampler);
  say(
    `C  export of ${50000 + 40 * 8 + 40} prestations: first byte ${firstByteMs.toFixed(0)} ms, all ${msC.toFixed(0)} ms ` +
      `(${((50000 / msC) * 1000).toFixed(0)} rows/s, ${(bytes / 1e6).toFixed(1)} MB); process RSS +${((peak - rssBefore) / 1e6).toFixed(0)} MB at peak (server and client share it)`,
  );

  await service.stop();
  if (Date.now() - started > CAP_MS)
    say(`note: took ${(Date.now() - started) / 1000}s, over the ${CAP_MS / 1000}s cap`);
}

const cap = setTimeout(() => {
  process.stderr.write('bench: over the time cap, aborting\n');
  process.exit(2);
}, CAP_MS * 2);
cap.unref();
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
