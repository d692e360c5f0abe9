import { ConnectorDeletedSchema, ConnectorState, decodeEvent, isEvent } from '@fidu/proto-events';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import {
  BATCHES,
  GLOBAL_FILE,
  KBC,
  activate,
  addActiveConnector,
  associate,
  businessDateOf,
  codeOf,
  createClients,
  csvReferences,
  deliver,
  entries,
  publishActivation,
  runDailyExport,
  nodesOf,
  nextIban,
  freshRunInstant,
} from './connectors-helpers';

/**
 * So bank's FAQ ("Paramétrage Association"): every answer it gives offices, as a test through the
 * gateway with real Postgres and Kafka.
 */
describe('connectors: So bank FAQ', () => {
  let sys: TestSystem;
  let bank: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    bank = await sys.token(KBC);
  });
  afterAll(() => sys?.stop());

  /** A fresh office with clients whose IBANs are active at KBC. */
  async function officeWithClients(n: number) {
    const office = newOffice();
    const token = await sys.token(office);
    const clients = await createClients(sys, token, n);
    const ibans: string[] = [];
    for (const clientId of clients) {
      const iban = nextIban();
      await activate(sys, office.officeId, clientId, iban);
      ibans.push(iban);
    }
    return { office, token, clients, ibans };
  }

  async function batchesOf(token: string, date: string) {
    const res = await sys.gql(token, BATCHES, { filter: { businessDate: date }, format: 'CSV' });
    expect(res.errors).toBeUndefined();
    return nodesOf(res.data.exportBatches) as {
      client: { id: string };
      entryCount: number;
      file: { content: string };
      connector: { id: string };
    }[];
  }

  it('"Ce service est-il payant ?" — no: nothing it emits or exposes carries a price', async () => {
    const { office, token, clients, ibans } = await officeWithClients(1);
    const connectorId = await addActiveConnector(sys, token, 'octopus');
    expect((await associate(sys, token, connectorId, clients)).errors).toBeUndefined();
    expect((await deliver(sys, bank, ibans[0]!, entries(2))).errors).toBeUndefined();
    expect((await runDailyExport(sys, await freshRunInstant(sys))).status).toBe('ran');

    const types: { event_type: string }[] = await sys.services.connectors.dataSource.query(
      `SELECT DISTINCT event_type FROM outbox WHERE headers->>'ce_tenant' = $1`,
      [office.officeId],
    );
    expect(types.map((t) => t.event_type).sort()).toEqual([
      'fidu.connectors.v1.ClientAssociated',
      'fidu.connectors.v1.ConnectorAdded',
      'fidu.connectors.v1.ConnectorValidated',
      'fidu.connectors.v1.ExportProduced',
    ]);
    const schema = await sys.gql(
      token,
      `{ c: __type(name: "Connector") { fields { name } } a: __type(name: "ConnectorAssociation") { fields { name } } }`,
    );
    const fields = [...schema.data.c.fields, ...schema.data.a.fields].map((f: { name: string }) => f.name);
    expect(fields.filter((f) => /price|fee|amount|invoice|billing/i.test(f))).toEqual([]);
  });

  it('"Quelles écritures vais-je récupérer ?" — only those of associated dossiers go to the software', async () => {
    const { token, clients, ibans } = await officeWithClients(2);
    const [associated, other] = clients as [string, string];
    const connectorId = await addActiveConnector(sys, token, 'exact-online');
    expect((await associate(sys, token, connectorId, [associated])).errors).toBeUndefined();
    const sent = entries(3);
    expect((await deliver(sys, bank, ibans[0]!, sent)).data.recordBankEntries.createdCount).toBe(3);
    expect((await deliver(sys, bank, ibans[1]!, entries(2))).errors).toBeUndefined();

    const now = await freshRunInstant(sys);
    expect(await runDailyExport(sys, now)).toMatchObject({ status: 'ran' });
    const batches = await batchesOf(token, businessDateOf(now));
    expect(batches.map((b) => [b.client.id, b.connector.id, b.entryCount])).toEqual([
      [associated, connectorId, 3],
    ]);
    expect(csvReferences(batches[0]!.file.content).sort()).toEqual(sent.map((e) => e.bankReference).sort());
    expect(batches.some((b) => b.client.id === other)).toBe(false);
  });

  it('"Et mes dossiers non associés ?" — their entries are in the global file, downloadable', async () => {
    const { token, clients, ibans } = await officeWithClients(2);
    const connectorId = await addActiveConnector(sys, token, 'yuki');
    expect((await associate(sys, token, connectorId, [clients[0]!])).errors).toBeUndefined();
    const loose = entries(4);
    await deliver(sys, bank, ibans[1]!, loose);
    await deliver(sys, bank, ibans[0]!, entries(1));

    const now = await freshRunInstant(sys);
    await runDailyExport(sys, now);
    const res = await sys.gql(token, GLOBAL_FILE, { date: businessDateOf(now), format: 'CSV' });
    expect(res.errors).toBeUndefined();
    const global = res.data.globalFile;
    expect(global).toMatchObject({ businessDate: businessDateOf(now), entryCount: 4, clientCount: 1 });
    expect(csvReferences(global.file.content).sort()).toEqual(loose.map((e) => e.bankReference).sort());

    // The same file, streamed from the signed link (no bearer token needed, the link is the grant).
    const download = await fetch(global.file.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(global.file.fileName);
    expect(await download.text()).toBe(global.file.content);

    const fec = await sys.gql(token, GLOBAL_FILE, { date: businessDateOf(now), format: 'FEC' });
    const lines = (fec.data.globalFile.file.content as string).split('\r\n').filter(Boolean);
    expect(lines[0]!.split('\t')).toHaveLength(18);
    expect(lines).toHaveLength(1 + 2 * 4);
  });

  it('"Puis-je avoir des doublons ?" — no: every entry is in exactly one file, even when resent', async () => {
    const { token, clients, ibans } = await officeWithClients(3);
    const connectorId = await addActiveConnector(sys, token, 'winbooks');
    expect((await associate(sys, token, connectorId, clients.slice(0, 2))).errors).toBeUndefined();
    const all = clients.map((_, i) => entries(3 + i));
    for (const [i, list] of all.entries()) await deliver(sys, bank, ibans[i]!, list);
    // The bank resends a delivery: recognised by its references, not stored twice.
    const again = await deliver(sys, bank, ibans[0]!, all[0]!);
    expect(again.data.recordBankEntries).toMatchObject({ createdCount: 0, duplicateCount: 3 });

    const now = await freshRunInstant(sys);
    await runDailyExport(sys, now);
    const exported = (await batchesOf(token, businessDateOf(now))).flatMap((b) =>
      csvReferences(b.file.content),
    );
    const global = csvReferences(
      (await sys.gql(token, GLOBAL_FILE, { date: businessDateOf(now), format: 'CSV' })).data.globalFile.file
        .content,
    );
    const delivered = [...exported, ...global];
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(exported.filter((r) => global.includes(r))).toEqual([]);
    expect(delivered.sort()).toEqual(
      all
        .flat()
        .map((e) => e.bankReference)
        .sort(),
    );
    expect(global.sort()).toEqual(all[2]!.map((e) => e.bankReference).sort());
  });

  it('"A quelle fréquence ?" — daily: one run per day, each with the entries since the last export', async () => {
    const { token, clients, ibans } = await officeWithClients(1);
    const connectorId = await addActiveConnector(sys, token, 'horus');
    await associate(sys, token, connectorId, clients);
    const monday = entries(2);
    await deliver(sys, bank, ibans[0]!, monday);
    const day1 = await freshRunInstant(sys);
    expect((await runDailyExport(sys, day1)).status).toBe('ran');
    // A second trigger the same day (another replica, a retry) does nothing.
    expect((await runDailyExport(sys, new Date(day1.getTime() + 3_600_000))).status).toBe('already-ran');

    const tuesday = entries(3);
    await deliver(sys, bank, ibans[0]!, tuesday);
    const day2 = await freshRunInstant(sys);
    expect((await runDailyExport(sys, day2)).status).toBe('ran');
    const [first] = await batchesOf(token, businessDateOf(day1));
    const [second] = await batchesOf(token, businessDateOf(day2));
    expect(csvReferences(first!.file.content).sort()).toEqual(monday.map((e) => e.bankReference).sort());
    expect(csvReferences(second!.file.content).sort()).toEqual(tuesday.map((e) => e.bankReference).sort());
  });

  it('"Puis-je modifier cette fréquence ?" — no: nothing in the API sets a frequency or a time', async () => {
    const token = await sys.token(newOffice());
    const res = await sys.gql(
      token,
      `{ m: __type(name: "Mutation") { fields { name } } i: __type(name: "AddConnectorInput") { inputFields { name } } }`,
    );
    const names = [...res.data.m.fields, ...res.data.i.inputFields].map((f: { name: string }) => f.name);
    expect(names.filter((n) => /frequen|schedul|time|hour|cron/i.test(n))).toEqual([]);
    expect(res.data.i.inputFields.map((f: { name: string }) => f.name)).toEqual([
      'softwareId',
      'exportFormat',
      'csvConventions',
    ]);
  });

  it('"Associer un client dont l\'IBAN n\'est pas actif ?" — yes; its entries flow from the activation on', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const [clientId] = (await createClients(sys, token, 1)) as [string];
    const connectorId = await addActiveConnector(sys, token, 'pennylane');
    const associated = await associate(sys, token, connectorId, [clientId]);
    expect(associated.errors).toBeUndefined();

    const iban = nextIban();
    const early = await deliver(sys, bank, iban, entries(1));
    expect(codeOf(early)).toBe('CONNECTOR_BANK_ACCOUNT_NOT_ACTIVE');

    // mandates activates the account: its event reaches connectors through Kafka.
    await publishActivation(sys, office.officeId, clientId, iban);
    const flowing = entries(2);
    await eventually(
      'the activation reached connectors and the bank can deliver',
      async () => (await deliver(sys, bank, iban, flowing)).errors === undefined,
      60_000,
    );
    const view = await sys.gql(token, `query($id: ID!) { client(id: $id) { activeBankAccounts { iban } } }`, {
      id: clientId,
    });
    expect(view.data.client.activeBankAccounts).toEqual([{ iban }]);

    const now = await freshRunInstant(sys);
    await runDailyExport(sys, now);
    const [batch] = await batchesOf(token, businessDateOf(now));
    expect(csvReferences(batch!.file.content).sort()).toEqual(flowing.map((e) => e.bankReference).sort());
  });

  it('"Que se passe-t-il lorsque j\'associe l\'ensemble de mes dossiers ?" — all go daily, and there is no global file', async () => {
    const { token, clients, ibans } = await officeWithClients(3);
    const connectorId = await addActiveConnector(sys, token, 'cegid');
    const all = await sys.gql(
      token,
      `mutation($input: AssociateAllClientsInput!) { associateAllClients(input: $input) { associatedCount alreadyAssociatedCount associatedElsewhereCount } }`,
      { input: { connectorId } },
    );
    expect(all.data.associateAllClients).toEqual({
      associatedCount: 3,
      alreadyAssociatedCount: 0,
      associatedElsewhereCount: 0,
    });
    for (const iban of ibans) await deliver(sys, bank, iban, entries(2));

    const now = await freshRunInstant(sys);
    await runDailyExport(sys, now);
    expect((await batchesOf(token, businessDateOf(now))).map((b) => b.client.id).sort()).toEqual(
      [...clients].sort(),
    );
    expect((await sys.gql(token, GLOBAL_FILE, { date: businessDateOf(now) })).data.globalFile).toBeNull();
    expect(
      (await sys.gql(token, `{ globalFiles { edges { node { id } } } }`)).data.globalFiles.edges,
    ).toEqual([]);
  });

  it('"Pourrais-je quand même télécharger spécifiquement mes fichiers ?" — yes: one dossier, one period', async () => {
    const { token, clients, ibans } = await officeWithClients(1);
    const connectorId = await addActiveConnector(sys, token, 'bob50');
    await associate(sys, token, connectorId, clients);
    const november = entries(2, { bookingDate: '2026-11-10' });
    const october = entries(1, { bookingDate: '2026-10-05' });
    await deliver(sys, bank, ibans[0]!, [...november, ...october]);
    await runDailyExport(sys, await freshRunInstant(sys));

    const res = await sys.gql(
      token,
      `query($input: DossierFileInput!) { dossierFile(input: $input) { fileName format entryCount content downloadUrl } }`,
      { input: { clientId: clients[0], from: '2026-11-01', to: '2026-11-30', format: 'FEC' } },
    );
    expect(res.errors).toBeUndefined();
    const file = res.data.dossierFile;
    expect(file).toMatchObject({ format: 'FEC', entryCount: 2 });
    const refs = (file.content as string)
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split('\t')[8]);
    expect([...new Set(refs)].sort()).toEqual(november.map((e) => e.bankReference).sort());
    expect(await (await fetch(file.downloadUrl)).text()).toBe(file.content);
  });

  it('"Peut-on interrompre l\'association ?" — disassociate from the client record, or delete the connector to end everything', async () => {
    const { token, clients, ibans } = await officeWithClients(3);
    const [a, b, c] = clients as [string, string, string];
    const connectorId = await addActiveConnector(sys, token, 'popsy');
    await associate(sys, token, connectorId, clients);

    const ended = await sys.gql(
      token,
      `mutation($id: ID!) { disassociateClient(input: { clientId: $id }) { client { id connectorAssociation { associatedAt } } association { endedAt } } }`,
      { id: a },
    );
    expect(ended.data.disassociateClient.client.connectorAssociation).toBeNull();
    await deliver(sys, bank, ibans[0]!, entries(1));
    const day1 = await freshRunInstant(sys);
    await runDailyExport(sys, day1);
    expect((await batchesOf(token, businessDateOf(day1))).some((x) => x.client.id === a)).toBe(false);
    expect(
      (await sys.gql(token, GLOBAL_FILE, { date: businessDateOf(day1) })).data.globalFile.entryCount,
    ).toBe(1);

    // Entries already received but not yet exported go to the global file once the connector is gone.
    const pending = [...entries(2), ...entries(1)];
    await deliver(sys, bank, ibans[1]!, pending.slice(0, 2));
    await deliver(sys, bank, ibans[2]!, pending.slice(2));
    const deleted = await sys.gql(
      token,
      `mutation($id: ID!) { deleteConnector(input: { connectorId: $id }) { connector { state } endedAssociationCount } }`,
      { id: connectorId },
    );
    expect(deleted.data.deleteConnector).toEqual({
      connector: { state: 'DELETED' },
      endedAssociationCount: 2,
    });
    for (const id of [b, c]) {
      const view = await sys.gql(
        token,
        `query($id: ID!) { client(id: $id) { connectorAssociation { associatedAt } } }`,
        { id },
      );
      expect(view.data.client).toEqual({ connectorAssociation: null });
    }
    expect(codeOf(await associate(sys, token, connectorId, [a]))).toBe('CONNECTOR_NOT_ACTIVE');

    const day2 = await freshRunInstant(sys);
    await runDailyExport(sys, day2);
    expect(await batchesOf(token, businessDateOf(day2))).toEqual([]);
    const global = await sys.gql(token, GLOBAL_FILE, { date: businessDateOf(day2), format: 'CSV' });
    expect(csvReferences(global.data.globalFile.file.content).sort()).toEqual(
      pending.map((e) => e.bankReference).sort(),
    );

    // Each ended association was told, with its reason.
    const rows: { payload: Buffer }[] = await sys.services.connectors.dataSource.query(
      `SELECT payload FROM outbox WHERE event_type = 'fidu.connectors.v1.ClientDisassociated' AND headers->>'ce_tenant' = $1`,
      [
        (
          await sys.services.connectors.dataSource.query(`SELECT office_id FROM connector WHERE id = $1`, [
            connectorId,
          ])
        )[0].office_id,
      ],
    );
    const reasons = rows.map(
      (r) => decodeEvent(r.payload).payload as unknown as { clientId: string; reason: number },
    );
    expect(reasons.map((r) => [r.clientId, r.reason]).sort()).toEqual(
      [
        [a, 1],
        [b, 2],
        [c, 2],
      ].sort(),
    );
    const [deletedRow] = await sys.services.connectors.dataSource.query(
      `SELECT payload FROM outbox WHERE event_type = 'fidu.connectors.v1.ConnectorDeleted' AND message_key = $1`,
      [connectorId],
    );
    const deletedEvent = decodeEvent(deletedRow.payload);
    if (!isEvent(deletedEvent, ConnectorDeletedSchema)) throw new Error(deletedEvent.type);
    expect(deletedEvent.payload).toMatchObject({
      connectorId,
      oldState: ConnectorState.ACTIVE,
      newState: ConnectorState.DELETED,
      reason: 'deleted by the office',
      endedAssociationCount: 2,
    });
  });
});
