import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import {
  BATCHES,
  BELFIUS,
  GLOBAL_FILE,
  KBC,
  activate,
  addActiveConnector,
  associate,
  businessDateOf,
  codeOf,
  createClients,
  deliver,
  entries,
  runDailyExport,
  vendorOf,
  nodesOf,
  nextIban,
  freshRunInstant,
} from '../connectors-faq/connectors-helpers';

/** Tenancy of connectors: offices see only their own; partners only what is addressed to them; bad input changes nothing. */
describe('connectors: tenancy, partners and bad input', () => {
  let sys: TestSystem;
  let mine: string;
  let theirs: string;
  let officeId: string;
  let theirOfficeId: string;
  let kbc: string;
  let clients: string[];
  let theirClient: string;
  let connectorId: string;
  let iban: string;
  let runDate: string;

  /**
   * Row counts of everything a refused request could have touched: those of the two offices the
   * requests name, and those of the whole tables. Only requests and the daily export write these
   * tables, and a worker runs one test file at a time, so the whole tables hold still on the shared
   * federation too; bank accounts are counted for this office only, because activations of other
   * tests arrive through the shared Kafka topic.
   */
  const counts = async () =>
    (
      await sys.services.connectors.dataSource.query(
        `SELECT (SELECT count(*) FROM connector WHERE office_id = ANY($1))::int AS "officeConnectors",
                (SELECT count(*) FROM connector_association WHERE office_id = ANY($1))::int AS "officeAssociations",
                (SELECT count(*) FROM connector_association WHERE office_id = ANY($1) AND ended_at IS NULL)::int AS "officeLive",
                (SELECT count(*) FROM bank_entry WHERE office_id = ANY($1) OR iban = $2)::int AS "officeEntries",
                (SELECT count(*) FROM outbox WHERE headers->>'ce_tenant' = ANY($1))::int AS "officeEvents",
                (SELECT count(*) FROM connector)::int AS connectors, (SELECT count(*) FROM connector_association)::int AS associations,
                (SELECT count(*) FROM connector_association WHERE ended_at IS NULL)::int AS live, (SELECT count(*) FROM bank_entry)::int AS entries,
                (SELECT count(*) FROM bank_account WHERE office_id = $1[1])::int AS accounts, (SELECT count(*) FROM outbox)::int AS events`,
        [[officeId, theirOfficeId], iban],
      )
    )[0];

  beforeAll(async () => {
    sys = await sharedSystem();
    const office = newOffice();
    officeId = office.officeId;
    mine = await sys.token(office);
    const other = newOffice();
    theirOfficeId = other.officeId;
    theirs = await sys.token(other);
    kbc = await sys.token(KBC);
    clients = await createClients(sys, mine, 2);
    [theirClient] = (await createClients(sys, theirs, 1)) as [string];
    connectorId = await addActiveConnector(sys, mine, 'winbooks');
    expect((await associate(sys, mine, connectorId, [clients[0]!])).errors).toBeUndefined();
    iban = nextIban();
    await activate(sys, officeId, clients[0]!, iban);
    const unassociatedIban = nextIban();
    await activate(sys, officeId, clients[1]!, unassociatedIban);
    await deliver(sys, kbc, iban, entries(2));
    await deliver(sys, kbc, unassociatedIban, entries(2));
    const now = await freshRunInstant(sys);
    runDate = businessDateOf(now);
    expect(await runDailyExport(sys, now)).toMatchObject({ status: 'ran' });
    // Generous: activations now arrive through Kafka (mandates' event), slow on a loaded machine.
  }, 180_000);
  afterAll(() => sys?.stop());

  it("another office sees none of this office's connectors, batches, global files or client fields", async () => {
    expect((await sys.gql(theirs, `{ connectors { id } }`)).data.connectors).toEqual([]);
    expect(nodesOf((await sys.gql(theirs, BATCHES, {})).data.exportBatches)).toEqual([]);
    expect((await sys.gql(theirs, GLOBAL_FILE, { date: runDate })).data.globalFile).toBeNull();
    expect(
      (await sys.gql(theirs, `{ globalFiles { edges { node { id } } } }`)).data.globalFiles.edges,
    ).toEqual([]);
    const [batch] = nodesOf((await sys.gql(mine, BATCHES, {})).data.exportBatches);
    expect(
      (await sys.gql(theirs, `query($id: ID!) { exportBatch(id: $id) { id } }`, { id: batch.id })).data
        .exportBatch,
    ).toBeNull();
    const file = await sys.gql(
      theirs,
      `query($input: DossierFileInput!) { dossierFile(input: $input) { entryCount } }`,
      {
        input: { clientId: clients[0], from: '2026-01-01', to: '2026-12-31' },
      },
    );
    expect(codeOf(file)).toBe('CLIENT_NOT_FOUND');
    // Mine are still there.
    expect((await sys.gql(mine, GLOBAL_FILE, { date: runDate })).data.globalFile.entryCount).toBe(2);
  });

  it("another office can touch nothing of this office's, and cannot associate its own client to this connector", async () => {
    const before = await counts();
    const del = await sys.gql(
      theirs,
      `mutation($id: ID!) { deleteConnector(input: { connectorId: $id }) { endedAssociationCount } }`,
      { id: connectorId },
    );
    expect(codeOf(del)).toBe('CONNECTOR_NOT_FOUND');
    expect(codeOf(await associate(sys, theirs, connectorId, [theirClient]))).toBe('CONNECTOR_NOT_FOUND');
    const all = await sys.gql(
      theirs,
      `mutation($id: ID!) { associateAllClients(input: { connectorId: $id }) { associatedCount } }`,
      { id: connectorId },
    );
    expect(codeOf(all)).toBe('CONNECTOR_NOT_FOUND');
    expect(
      codeOf(
        await sys.gql(
          theirs,
          `mutation($id: ID!) { disassociateClient(input: { clientId: $id }) { client { id } } }`,
          { id: clients[0] },
        ),
      ),
    ).toBe('CLIENT_NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it("refuses unknown software, unknown client and another office's client with typed errors, changing nothing", async () => {
    const before = await counts();
    const add = (softwareId: string, exportFormat?: string) =>
      sys.gql(
        mine,
        `mutation($input: AddConnectorInput!) { addConnector(input: $input) { connector { id } } }`,
        { input: { softwareId, exportFormat } },
      );
    expect(codeOf(await add('sap-business-one'))).toBe('CONNECTOR_SOFTWARE_UNKNOWN');
    expect(codeOf(await add('octopus', 'FEC'))).toBe('CONNECTOR_EXPORT_FORMAT_UNSUPPORTED');
    const unknown = await associate(sys, mine, connectorId, [crypto.randomUUID()]);
    expect(codeOf(unknown)).toBe('CLIENT_NOT_FOUND');
    const foreign = await associate(sys, mine, connectorId, [clients[1]!, theirClient]);
    expect(codeOf(foreign)).toBe('CLIENT_NOT_FOUND');
    expect(foreign.errors![0]!.extensions!.problems).toEqual([
      expect.objectContaining({ field: 'clientIds.1', code: 'CLIENT_NOT_FOUND' }),
    ]);
    const fromRecord = await sys.gql(
      mine,
      `mutation($input: AssociateClientInput!) { associateClient(input: $input) { client { id } } }`,
      {
        input: { clientId: theirClient, connectorId },
      },
    );
    expect(codeOf(fromRecord)).toBe('CLIENT_NOT_FOUND');
    expect(fromRecord.errors![0]!.extensions!.field).toBe('clientId');
    expect(codeOf(await associate(sys, mine, 'not-an-id', [clients[1]!]))).toBe('INVALID_ID');
    expect(
      codeOf(
        await sys.gql(
          mine,
          `query($input: DossierFileInput!) { dossierFile(input: $input) { entryCount } }`,
          {
            input: { clientId: clients[0], from: '2026-12-31', to: '2026-01-01' },
          },
        ),
      ),
    ).toBe('CONNECTOR_PERIOD_INVALID');
    expect(await counts()).toEqual(before);
  });

  it('refuses malformed entries whole, listing every problem, and stores nothing', async () => {
    const before = await counts();
    const good = entries(1)[0]!;
    const res = await deliver(sys, kbc, iban, [
      good,
      { ...good, bankReference: 'X-1', bookingDate: '2099-01-01', amountCents: 0 },
      { ...good, bankReference: 'X-2', currency: 'EURO', label: 'line\nbreak' },
    ]);
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    expect(
      res.errors![0]!.extensions!.problems.map(
        (p: { field: string; code: string }) => `${p.field}:${p.code}`,
      ),
    ).toEqual([
      'entries.1.bookingDate:BANK_ENTRY_DATE_IN_FUTURE',
      'entries.1.amountCents:BANK_ENTRY_AMOUNT_INVALID',
      'entries.2.currency:BANK_ENTRY_CURRENCY_INVALID',
      'entries.2.label:BANK_ENTRY_FIELD_INVALID',
    ]);
    expect(codeOf(await deliver(sys, kbc, 'BE00 0000 0000 0000', [good]))).toBe('BANK_ACCOUNT_IBAN_INVALID');
    expect(codeOf(await deliver(sys, kbc, iban, []))).toBe('BANK_ENTRY_COUNT_INVALID');
    // Same reference, other content: a conflict, not a silent overwrite.
    const [stored] = (await sys.services.connectors.dataSource.query(
      `SELECT bank_reference FROM bank_entry WHERE iban = $1 LIMIT 1`,
      [iban],
    )) as { bank_reference: string }[];
    const conflict = await deliver(sys, kbc, iban, [
      { ...good, bankReference: stored!.bank_reference, amountCents: 999_999 },
    ]);
    expect(codeOf(conflict)).toBe('BANK_ENTRY_REFERENCE_CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('keeps partners to what is addressed to them', async () => {
    const before = await counts();
    // Another bank cannot deliver for KBC's account; banks activate accounts only in mandates.
    const belfius = await sys.token(BELFIUS);
    expect(codeOf(await deliver(sys, belfius, iban, entries(1)))).toBe('CONNECTOR_BANK_ACCOUNT_NOT_ACTIVE');
    const activation = await sys.gql(
      kbc,
      `mutation($input: ActivateBankAccountInput!) { activateBankAccount(input: $input) { bankAccount { iban } } }`,
      { input: { officeId, clientId: theirClient, iban: nextIban() } },
    );
    expect(codeOf(activation)).toBe('GRAPHQL_VALIDATION_FAILED');
    // Offices and vendors cannot deliver entries; banks and vendors cannot manage connectors.
    expect(codeOf(await deliver(sys, mine, iban, entries(1)))).toBe('FORBIDDEN');
    const vendor = await sys.token(vendorOf('winbooks'));
    expect(codeOf(await deliver(sys, vendor, iban, entries(1)))).toBe('FORBIDDEN');
    expect(codeOf(await sys.gql(kbc, `{ connectors { id } }`))).toBe('FORBIDDEN');
    expect(codeOf(await sys.gql(kbc, BATCHES, {}))).toBe('FORBIDDEN');
    expect(codeOf(await sys.gql(vendor, `{ globalFiles { edges { node { id } } } }`))).toBe('FORBIDDEN');
    expect(codeOf(await sys.gql(null, `{ connectors { id } }`))).toBe('UNAUTHENTICATED');
    // The vendor sees its software's batch (and other offices' winbooks batches of the shared federation).
    const [batch] = nodesOf((await sys.gql(mine, BATCHES, {})).data.exportBatches);
    const seen = nodesOf(
      (await sys.gql(vendor, BATCHES, { filter: { businessDate: runDate } })).data.exportBatches,
    );
    expect(
      seen.filter((b: { client: { id: string } }) => b.client.id === clients[0]).map((b) => b.id),
    ).toEqual([batch.id]);
    expect(seen.every((b: { softwareId: string }) => b.softwareId === 'winbooks')).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('refuses a tampered or foreign download link', async () => {
    const global = (await sys.gql(mine, GLOBAL_FILE, { date: runDate })).data.globalFile;
    const url = new URL(global.file.downloadUrl);
    // A full URL through the gateway's file proxy, never the subgraph's own address.
    expect(`${url.origin}${url.pathname}`).toMatch(
      new RegExp(`^${new URL(sys.gatewayUrl).origin}/files/connectors/downloads/[^/]+/[^/]+$`),
    );
    const [prefix, token, name] = url.pathname.match(/^(.*\/downloads\/)([^/]+)\/([^/]+)$/)!.slice(1);
    const [body, sig] = token!.split('.');
    const grant = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...grant, officeId: 'another-office' })).toString(
      'base64url',
    );
    const tampered = await fetch(`${url.origin}${prefix}${forged}.${sig}/${name}`);
    expect(tampered.status).toBe(403);
    expect(
      ((await tampered.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('CONNECTOR_DOWNLOAD_LINK_INVALID');
    expect((await fetch(global.file.downloadUrl)).status).toBe(200);
  });
});
