import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import {
  KBC,
  activate,
  businessDateOf,
  createClients,
  deliver,
  entries,
  GLOBAL_FILE,
  runDailyExport,
  nextIban,
  freshRunInstant,
} from '../connectors-faq/connectors-helpers';

/** Subgraphs are never exposed: signed file links are streamed through the gateway's /files proxy. */
describe('gateway: file downloads through /files/<subgraph>', () => {
  let sys: TestSystem;
  let fileUrl: URL;
  let content: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    const office = newOffice();
    const token = await sys.token(office);
    const [clientId] = await createClients(sys, token, 1);
    const iban = nextIban();
    await activate(sys, office.officeId, clientId!, iban);
    await deliver(sys, await sys.token(KBC), iban, entries(3));
    const now = await freshRunInstant(sys);
    await runDailyExport(sys, now);
    const res = await sys.gql(token, GLOBAL_FILE, { date: businessDateOf(now), format: 'CSV' });
    expect(res.errors).toBeUndefined();
    content = res.data.globalFile.file.content;
    // The link is a full URL through the gateway's file proxy (CONNECTORS_PUBLIC_URL points at it).
    fileUrl = new URL(res.data.globalFile.file.downloadUrl);
    expect(`${fileUrl.origin}${fileUrl.pathname}`).toMatch(
      new RegExp(`^${new URL(sys.gatewayUrl).origin}/files/connectors/downloads/[^/]+/[^/]+$`),
    );
  });
  afterAll(() => sys?.stop());

  it('streams a signed file of a subgraph through the gateway', async () => {
    const res = await fetch(fileUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    expect(await res.text()).toBe(content);
  });

  it('passes the subgraph refusal of a tampered link through', async () => {
    const tampered = new URL(fileUrl);
    const segments = tampered.pathname.split('/');
    segments[4] = `${segments[4]!.slice(0, -2)}xx`;
    tampered.pathname = segments.join('/');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('reaches nothing but the declared file paths of a subgraph', async () => {
    for (const path of [
      '/files/connectors/graphql',
      '/files/clients/downloads/a/b',
      '/files/connectors/health/ready',
      '/files/nope/x',
    ]) {
      const res = await fetch(new URL(path, sys.gatewayUrl));
      expect(res.status).toBe(404);
    }
  });
});
