import { randomUUID } from 'node:crypto';
import { ClientAssociatedSchema, decodeEvent, ExportProducedSchema, isEvent } from '@fidu/proto-events';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import {
  BATCHES,
  KBC,
  activate,
  activateAccounts,
  addActiveConnector,
  associate,
  businessDateOf,
  codeOf,
  createClients,
  deliver,
  entries,
  nextIban,
  freshRunInstant,
  runDailyExport,
  vendorOf,
  nodesOf,
} from '../connectors-faq/connectors-helpers';

const LIST = `query($first: Int) { clients(first: $first) { edges { node { id connectorAssociation { connector { id software { id } } } activeBankAccounts { iban } } } } }`;

/** Associations in every way the seed offers, the Client extension, and the software's side of the daily export. */
describe('connectors: associations and exports', () => {
  let sys: TestSystem;
  let bank: string;

  beforeAll(async () => {
    sys = await startSystem();
    bank = await sys.token(KBC);
  });
  afterAll(() => sys?.stop());

  it('associates one, a ticked set, all the rest, and from the client record; the client list shows where', async () => {
    const token = await sys.token(newOffice());
    const clients = await createClients(sys, token, 6);
    const [one, two, three, fromRecord, other, rest] = clients as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const exact = await addActiveConnector(sys, token, 'exact-online');
    const yuki = await addActiveConnector(sys, token, 'yuki');

    expect((await associate(sys, token, exact, [one])).data.associateClients.associations).toHaveLength(1);
    expect(
      (await associate(sys, token, exact, [two, three])).data.associateClients.associations.map(
        (a: { client: { id: string } }) => a.client.id,
      ),
    ).toEqual([two, three]);
    const viaRecord = await sys.gql(
      token,
      `mutation($input: AssociateClientInput!) { associateClient(input: $input) { client { id connectorAssociation { connector { id } } } association { associatedAt } } }`,
      { input: { clientId: fromRecord, connectorId: yuki } },
    );
    expect(viaRecord.data.associateClient.client).toEqual({
      id: fromRecord,
      connectorAssociation: { connector: { id: yuki } },
    });
    const all = await sys.gql(
      token,
      `mutation($input: AssociateAllClientsInput!) { associateAllClients(input: $input) { associatedCount alreadyAssociatedCount associatedElsewhereCount connector { id } } }`,
      { input: { connectorId: exact } },
    );
    expect(all.data.associateAllClients).toEqual({
      associatedCount: 2,
      alreadyAssociatedCount: 3,
      associatedElsewhereCount: 1,
      connector: { id: exact },
    });
    // Doing it again changes nothing.
    const again = await sys.gql(
      token,
      `mutation($id: ID!) { associateAllClients(input: { connectorId: $id }) { associatedCount alreadyAssociatedCount } }`,
      { id: exact },
    );
    expect(again.data.associateAllClients).toEqual({ associatedCount: 0, alreadyAssociatedCount: 5 });

    const list = await sys.gql(token, LIST, { first: 10 });
    const where = Object.fromEntries(
      list.data.clients.edges.map((e: any) => [e.node.id, e.node.connectorAssociation?.connector.id ?? null]),
    );
    expect(where).toEqual({
      [one]: exact,
      [two]: exact,
      [three]: exact,
      [fromRecord]: yuki,
      [other]: exact,
      [rest]: exact,
    });

    // One ClientAssociated per association, with the channel it came from.
    const rows: { payload: Buffer }[] = await sys.services.connectors.dataSource.query(
      `SELECT payload FROM outbox WHERE event_type = 'fidu.connectors.v1.ClientAssociated' AND message_key IN
         (SELECT id::text FROM connector_association WHERE client_id = ANY($1::uuid[]))`,
      [clients],
    );
    const channels = rows
      .map((r) => decodeEvent(r.payload))
      .map((e) => (isEvent(e, ClientAssociatedSchema) ? e.payload.channel : -1));
    expect(channels.sort()).toEqual([1, 1, 1, 2, 2, 3]);
  });

  it('resolves the Client extension for 100 clients with the statements of 10', async () => {
    const token = await sys.token(newOffice());
    const clients = await createClients(sys, token, 100);
    const connectorId = await addActiveConnector(sys, token, 'octopus');
    await sys.gql(
      token,
      `mutation($id: ID!) { associateAllClients(input: { connectorId: $id }) { associatedCount } }`,
      { id: connectorId },
    );
    const office = (
      await sys.services.connectors.dataSource.query(`SELECT office_id FROM connector WHERE id = $1`, [
        connectorId,
      ])
    )[0].office_id;
    await activateAccounts(
      sys,
      office,
      clients.slice(0, 20).map((clientId) => ({ clientId, iban: nextIban() })),
    );
    const cost = async (first: number) => {
      const requestId = randomUUID();
      const res = await sys.gql(token, LIST, { first }, requestId);
      expect(res.errors).toBeUndefined();
      expect(
        res.data.clients.edges.every(
          (e: any) => e.node.connectorAssociation.connector.software.id === 'octopus',
        ),
      ).toBe(true);
      return sys.services.connectors.sqlCounter.countFor(requestId);
    };
    const ten = await cost(10);
    expect(ten).toBeGreaterThan(0);
    expect(await cost(100)).toBe(ten);
  });

  it('delivers to the software: it lists and downloads its batches, reports the import; a failed one is redelivered', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const [clientId] = (await createClients(sys, token, 1)) as [string];
    const connectorId = await addActiveConnector(sys, token, 'clearfacts');
    await associate(sys, token, connectorId, [clientId]);
    const iban = nextIban();
    await activate(sys, office.officeId, clientId, iban);
    await deliver(sys, bank, iban, entries(3));
    const now = await freshRunInstant(sys);
    expect(await runDailyExport(sys, now)).toMatchObject({ status: 'ran' });

    const vendor = await sys.token(vendorOf('clearfacts'));
    const listed = await sys.gql(vendor, BATCHES, { filter: { businessDate: businessDateOf(now) } });
    expect(listed.errors).toBeUndefined();
    const [batch] = nodesOf(listed.data.exportBatches);
    expect(batch).toMatchObject({
      softwareId: 'clearfacts',
      status: 'PRODUCED',
      entryCount: 3,
      format: 'CSV',
      client: { id: clientId },
    });
    expect(batch.file.fileName).toMatch(/^K\d+_\d{8}\.csv$/);
    // Another software's vendor sees nothing of it.
    const stranger = await sys.token(vendorOf('yuki'));
    expect(
      nodesOf(
        (await sys.gql(stranger, BATCHES, { filter: { businessDate: businessDateOf(now) } })).data
          .exportBatches,
      ),
    ).toEqual([]);

    const outcome = `mutation($input: RecordExportOutcomeInput!) { recordExportOutcome(input: $input) { exportBatch { status failureReason } } }`;
    expect(
      codeOf(await sys.gql(vendor, outcome, { input: { exportId: batch.id, outcome: 'REJECTED' } })),
    ).toBe('CONNECTOR_EXPORT_REASON_REQUIRED');
    expect(
      codeOf(await sys.gql(stranger, outcome, { input: { exportId: batch.id, outcome: 'IMPORTED' } })),
    ).toBe('CONNECTOR_EXPORT_NOT_FOUND');
    const rejected = await sys.gql(vendor, outcome, {
      input: { exportId: batch.id, outcome: 'REJECTED', reason: 'Journal BQ fermé' },
    });
    expect(rejected.data.recordExportOutcome.exportBatch).toEqual({
      status: 'FAILED',
      failureReason: 'Journal BQ fermé',
    });
    const redeliver = `mutation($id: ID!) { redeliverExport(input: { exportId: $id }) { exportBatch { status } } }`;
    expect((await sys.gql(token, redeliver, { id: batch.id })).data.redeliverExport.exportBatch.status).toBe(
      'PRODUCED',
    );
    expect(
      (await sys.gql(vendor, outcome, { input: { exportId: batch.id, outcome: 'IMPORTED' } })).data
        .recordExportOutcome.exportBatch.status,
    ).toBe('DELIVERED');
    const illegal = await sys.gql(token, redeliver, { id: batch.id });
    expect(codeOf(illegal)).toBe('CONNECTOR_EXPORT_ILLEGAL_TRANSITION');
    expect(illegal.errors![0]!.extensions).toMatchObject({ status: 'DELIVERED', action: 'REDELIVER' });

    // ExportProduced reached Kafka's side of the outbox, with the batch's figures.
    const [row] = await sys.services.connectors.dataSource.query(
      `SELECT payload, sent_at FROM outbox WHERE message_key = $1`,
      [batch.id],
    );
    const event = decodeEvent(row.payload);
    if (!isEvent(event, ExportProducedSchema)) throw new Error(event.type);
    expect(event.payload).toMatchObject({
      exportId: batch.id,
      connectorId,
      softwareId: 'clearfacts',
      clientId,
      entryCount: 3,
      format: 'CSV',
    });
    await eventually('the relay published ExportProduced', async () => {
      const [r] = await sys.services.connectors.dataSource.query(
        `SELECT sent_at FROM outbox WHERE message_key = $1`,
        [batch.id],
      );
      return r.sent_at !== null;
    });
  });

  it("uses the connector's format: FEC by default when the software imports it, with the 18 DGFiP columns", async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const [clientId] = (await createClients(sys, token, 1)) as [string];
    const connectorId = await addActiveConnector(sys, token, 'pennylane');
    const listed = await sys.gql(token, `{ connectors { id exportFormat } }`);
    expect(listed.data.connectors).toEqual([{ id: connectorId, exportFormat: 'FEC' }]);
    await associate(sys, token, connectorId, [clientId]);
    const iban = nextIban();
    await activate(sys, office.officeId, clientId, iban);
    await deliver(sys, bank, iban, entries(1, { amountCents: 123_456, label: 'Facture 2026-118' }));
    const now = await freshRunInstant(sys);
    await runDailyExport(sys, now);
    const res = await sys.gql(
      token,
      `query($d: Date) { exportBatches(filter: { businessDate: $d }) { edges { node { format file { fileName content } } } } }`,
      { d: businessDateOf(now) },
    );
    const [batch] = nodesOf(res.data.exportBatches);
    expect(batch.format).toBe('FEC');
    expect(batch.file.fileName).toMatch(/FEC\d{8}\.txt$/);
    const [header, bankLine, suspenseLine] = (batch.file.content as string)
      .split('\r\n')
      .map((l) => l.split('\t'));
    expect(header).toEqual([
      'JournalCode',
      'JournalLib',
      'EcritureNum',
      'EcritureDate',
      'CompteNum',
      'CompteLib',
      'CompAuxNum',
      'CompAuxLib',
      'PieceRef',
      'PieceDate',
      'EcritureLib',
      'Debit',
      'Credit',
      'EcritureLet',
      'DateLet',
      'ValidDate',
      'Montantdevise',
      'Idevise',
    ]);
    expect([bankLine![4], bankLine![11], bankLine![12], bankLine![15]]).toEqual([
      '512000',
      '1234,56',
      '0,00',
      businessDateOf(now).replace(/-/g, ''),
    ]);
    expect([suspenseLine![4], suspenseLine![11], suspenseLine![12]]).toEqual(['471000', '0,00', '1234,56']);
  });

  it("lets a platform operator run today's export early, once per business date; nobody else", async () => {
    const run = `mutation($input: RunDailyExportInput!) { runDailyExport(input: $input) { status businessDate summary } }`;
    const input = { input: { reason: 'demo' } };
    expect(codeOf(await sys.gql(await sys.token(newOffice()), run, input))).toBe('FORBIDDEN');
    expect(codeOf(await sys.gql(bank, run, input))).toBe('FORBIDDEN');
    const operator = await sys.token({ kind: 'operator', userId: 'ops-1' });
    const first = await sys.gql(operator, run, input);
    expect(first.data.runDailyExport).toMatchObject({
      status: 'RAN',
      summary: expect.stringContaining('entries'),
    });
    expect((await sys.gql(operator, run, input)).data.runDailyExport).toMatchObject({
      status: 'ALREADY_RAN',
      summary: null,
    });
  });

  it('pages export batches, and sends a big file through the signed link instead of inline content', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const clients = await createClients(sys, token, 3);
    const connectorId = await addActiveConnector(sys, token, 'octopus');
    await associate(sys, token, connectorId, clients);
    const ibans = clients.map(() => nextIban());
    await activateAccounts(
      sys,
      office.officeId,
      clients.map((clientId, i) => ({ clientId, iban: ibans[i]! })),
    );
    const many = entries(2001);
    for (let i = 0; i < many.length; i += 150)
      expect((await deliver(sys, bank, ibans[0]!, many.slice(i, i + 150))).errors).toBeUndefined();
    await deliver(sys, bank, ibans[1]!, entries(1));
    await deliver(sys, bank, ibans[2]!, entries(1));
    const now = await freshRunInstant(sys);
    await runDailyExport(sys, now);

    const page = `query($after: String) { exportBatches(first: 2, after: $after) { edges { cursor node { id entryCount } } pageInfo { hasNextPage endCursor } totalCount } }`;
    const first = (await sys.gql(token, page, {})).data.exportBatches;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1].cursor });
    expect(first.totalCount).toBe(3);
    const second = (await sys.gql(token, page, { after: first.pageInfo.endCursor })).data.exportBatches;
    expect(second.edges).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const all = [...nodesOf(first), ...nodesOf(second)];
    expect(new Set(all.map((b: { id: string }) => b.id)).size).toBe(3);
    expect(codeOf(await sys.gql(token, page, { after: 'not-a-cursor' }))).toBe('INVALID_CURSOR');

    const big = all.find((b: { entryCount: number }) => b.entryCount === 2001);
    const inline = await sys.gql(token, `query($id: ID!) { exportBatch(id: $id) { file { content } } }`, {
      id: big.id,
    });
    expect(codeOf(inline)).toBe('CONNECTOR_FILE_TOO_LARGE');
    const linked = await sys.gql(
      token,
      `query($id: ID!) { exportBatch(id: $id) { file { entryCount downloadUrl downloadUrlExpiresAt } } }`,
      { id: big.id },
    );
    const file = linked.data.exportBatch.file;
    expect(file.entryCount).toBe(2001);
    expect(Date.parse(file.downloadUrlExpiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const body = await (await fetch(file.downloadUrl)).text();
    expect(body.split('\r\n').filter(Boolean)).toHaveLength(1 + 2001);
  });
});
