import http from 'node:http';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { GatewayApp } from '@fidu/gateway';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';

/** Entries of the large dossier: its FEC file (two lines per entry) is far larger than every socket buffer on the way. */
const ENTRIES = 100_000;
/**
 * The gateway's upstream idle timeout in this test: short, so its expiry happens during the test,
 * yet longer than the pauses of a healthy upstream on a loaded machine (at 3 s, a full download in
 * the first test was cut when the load average passed 15).
 */
const IDLE_TIMEOUT_MS = 10_000;

interface LogLine {
  msg: string;
  outcome?: string;
}

/**
 * A caller that vanishes or stalls in the middle of a large download through `/files/…` affects
 * that download only: the gateway aborts the upstream request and keeps serving everyone else.
 * Before the fix, the upstream fetch's timeout fired on a stream nobody listened to any more and
 * the gateway process died on an unhandled `error` event (in this in-process gateway Jest reports
 * it as the suite's failure: `TimeoutError: The operation was aborted due to timeout`).
 */
describe('gateway: a download abandoned or stalled by its caller never affects the process', () => {
  let sys: TestSystem;
  let gateway: GatewayApp;
  let gatewayUrl: string;
  let fileUrl: URL;
  let token: string;
  const logs: LogLine[] = [];

  /** Transfers the gateway logged as ended for that reason. */
  const outcomes = (outcome: string) => logs.filter((l) => l.outcome === outcome).length;

  /** Starts a download and resolves once its first chunk arrived. */
  async function startDownload(): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
    const req = http.get(fileUrl);
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    expect(res.statusCode).toBe(200);
    await once(res, 'data');
    return { req, res };
  }

  beforeAll(async () => {
    sys = await sharedSystem();
    // A gateway of its own over the same subgraphs: a short upstream idle timeout, logs captured.
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
          done();
        },
      }),
    );
    ({ gateway, url: gatewayUrl } = await sys.startGateway({
      adjust: (config) => ({ ...config, fileProxy: { idleTimeoutMs: IDLE_TIMEOUT_MS } }),
      log,
    }));

    const office = newOffice();
    token = await sys.token(office);
    const created = await sys.gql(token, CREATE_CLIENT, { input: clientInput(1) });
    const clientId: string = created.data.createClient.client.id;
    // What ClientRegistered brings to connectors, written directly: events are not this test's subject.
    await sys.services.connectors.dataSource.query(
      `INSERT INTO client_directory (client_id, office_id, company_name, client_code, language, version)
       VALUES ($1, $2, 'Client 0001 SRL', 'C0001', 'FR', 1) ON CONFLICT DO NOTHING`,
      [clientId, office.officeId],
    );
    // The bank entries a bank would have delivered over months, written at once.
    await sys.services.connectors.dataSource.query(
      `INSERT INTO bank_entry (id, office_id, client_id, iban, bank_id, bank_reference, booking_date, amount_cents,
                               currency, label, counterparty_name, received_at)
       SELECT gen_random_uuid(), $1, $2, 'BE71096123456769', 'ba000000-0000-4000-8000-000000000002', 'BULK-' || g,
              DATE '2026-11-01' + (g % 28), 1000 + g, 'EUR', 'Virement de test numéro ' || g, 'Fournisseur SA', now()
         FROM generate_series(1, $3::int) g`,
      [office.officeId, clientId, ENTRIES],
    );
    const res = await sys.gql(
      token,
      `query($input: DossierFileInput!) { dossierFile(input: $input) { entryCount downloadUrl } }`,
      { input: { clientId, from: '2026-11-01', to: '2026-11-30', format: 'FEC' } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.dossierFile.entryCount).toBe(ENTRIES);
    // The link is a full URL through the system's gateway (/files/connectors/…); this test's own
    // gateway, with its short idle timeout, serves the same path.
    const signed = new URL(res.data.dossierFile.downloadUrl);
    expect(signed.pathname).toMatch(/^\/files\/connectors\/downloads\//);
    fileUrl = new URL(`${signed.pathname}${signed.search}`, gatewayUrl);
    // Start-up, a client through Kafka and 100,000 rows: slow on a loaded two-core machine.
  }, 180_000);
  afterAll(async () => {
    await gateway?.stop();
    await sys?.stop();
  });

  it('a caller that disconnects after the first chunk: the upstream request is aborted, the gateway still answers', async () => {
    const { res } = await startDownload();
    res.destroy();
    await eventually('the gateway aborted the upstream transfer', async () => outcomes('client-gone') === 1);

    // The same download, read to its end. (The abandoned transfer's idle timer expires during this file,
    // while the next test waits: the unfixed gateway died then.)
    let bytes = 0;
    const full = await fetch(fileUrl);
    expect(full.status).toBe(200);
    for await (const chunk of full.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    expect(bytes).toBeGreaterThan(20_000_000);
    expect(outcomes('stalled')).toBe(0);
    const answer = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ clients { totalCount } }' }),
    });
    expect(await answer.json()).toEqual({ data: { clients: { totalCount: 1 } } });
  });

  it('a caller that stops reading: the transfer ends after the idle timeout, the gateway still answers', async () => {
    const stalledBefore = outcomes('stalled');
    const { res } = await startDownload();
    res.pause();
    // The caller sees a truncated transfer: its response ends with an error, never as a complete file.
    const ended = new Promise<Error | undefined>((resolve) => {
      res.once('error', resolve);
      res.once('end', () => resolve(undefined));
    });
    await eventually(
      'the gateway gave up on the stalled transfer',
      async () => outcomes('stalled') === stalledBefore + 1,
      IDLE_TIMEOUT_MS + 30_000,
    );
    res.resume();
    expect((await ended)?.message).toBe('aborted');
    expect(res.complete).toBe(false);
    expect((await fetch(new URL('/health/live', gatewayUrl))).status).toBe(200);
  });
});
