import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import { untilConsumersJoined } from '../partner-isolation/warm-up';
import {
  BATCHES,
  KBC,
  activate,
  addActiveConnector,
  associate,
  businessDateOf,
  codeOf,
  deliver,
  entries,
  runDailyExport,
  nodesOf,
  nextIban,
  freshRunInstant,
} from '../connectors-faq/connectors-helpers';

const CONVENTIONS = 'csvConventions { separator decimalMark headerLanguage encoding }';
/** A run's business date as FEC file names carry it (YYYYMMDD). */
const compact = (instant: Date) => businessDateOf(instant).replace(/-/g, '');

/** Files in the conventions of the software that imports them, through the gateway. */
describe('connectors: files in the offices conventions', () => {
  let sys: TestSystem;
  let bank: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    bank = await sys.token(KBC);
    await untilConsumersJoined(sys, await sys.token(newOffice()));
  }, 300_000);
  afterAll(() => sys?.stop());
  // The first events of a fresh consumer group wait for its partitions: slow on a loaded machine.

  /** One client (with the given company name) whose entries flow to a fresh connector of `softwareId`. */
  async function dossierOn(
    token: string,
    officeId: string,
    connectorId: string,
    companyName: string,
    overrides: Record<string, unknown> = {},
  ) {
    const seed = 10_000 + Math.floor(Math.random() * 80_000);
    const input = clientInput(seed, { clientCode: `F${seed}`, companyName, ...overrides });
    const created = await sys.gql(token, CREATE_CLIENT, { input });
    if (created.errors) throw new Error(JSON.stringify(created.errors));
    const clientId: string = created.data.createClient.client.id;
    await eventually(
      'connectors learned the client',
      async () =>
        (
          await sys.services.connectors.dataSource.query(
            `SELECT 1 FROM client_directory WHERE client_id = $1`,
            [clientId],
          )
        ).length === 1,
      150_000,
    );
    expect((await associate(sys, token, connectorId, [clientId])).errors).toBeUndefined();
    const iban = nextIban();
    await activate(sys, officeId, clientId, iban);
    return { clientId, iban, enterpriseNumber: input.enterpriseNumber as string };
  }

  async function batchOf(token: string, clientId: string, instant: Date) {
    const res = await sys.gql(token, BATCHES, { filter: { businessDate: businessDateOf(instant) } });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return nodesOf(res.data.exportBatches).find((b: { client: { id: string } }) => b.client.id === clientId);
  }

  it("writes a Belgian software's file with `;`, decimal commas, French headers, quoted names, in Windows-1252", async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const winbooks = await addActiveConnector(sys, token, 'winbooks');
    const listed = await sys.gql(token, `{ connectors { id ${CONVENTIONS} } }`);
    expect(listed.data.connectors[0][`csvConventions`]).toEqual({
      separator: 'SEMICOLON',
      decimalMark: 'COMMA',
      headerLanguage: 'FR',
      encoding: 'WINDOWS_1252',
    });
    const { clientId, iban } = await dossierOn(token, office.officeId, winbooks, 'Dupont; fils "Pains"');
    const [entry] = entries(1, { amountCents: -123456, label: 'Loyer; "été"' });
    expect((await deliver(sys, bank, iban, [entry!])).errors).toBeUndefined();
    const instant = await freshRunInstant(sys);
    await runDailyExport(sys, instant);

    const batch = await batchOf(token, clientId, instant);
    const [header, line] = batch.file.content.split('\r\n');
    expect(header).toBe(
      'Date;Code client;Société;IBAN;Référence bancaire;Libellé;Contrepartie;IBAN contrepartie;Montant;Devise;Débit;Crédit',
    );
    expect(line).toContain(';"Dupont; fils ""Pains""";');
    expect(line).toContain(';"Loyer; ""été""";');
    expect(line).toContain(';-1234,56;EUR;1234,56;');

    const linked = await sys.gql(
      token,
      `query($id: ID!) { exportBatch(id: $id) { file { contentType downloadUrl } } }`,
      { id: batch.id },
    );
    expect(linked.data.exportBatch.file.contentType).toBe('text/csv; charset=windows-1252');
    const bytes = Buffer.from(await (await fetch(linked.data.exportBatch.file.downloadUrl)).arrayBuffer());
    expect(bytes.includes(Buffer.from([0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9]))).toBe(true); // "Société" in 1252
    expect(bytes.includes(Buffer.from('é', 'utf8'))).toBe(false);
  }, 240_000);

  it('lets the office override the conventions on addConnector and later, and refuses a contradictory one', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const added = await sys.gql(
      token,
      `mutation($input: AddConnectorInput!) { addConnector(input: $input) { connector { id ${CONVENTIONS} } } }`,
      { input: { softwareId: 'octopus', csvConventions: { headerLanguage: 'NL', separator: 'TAB' } } },
    );
    const connector = added.data.addConnector.connector;
    expect(connector.csvConventions).toEqual({
      separator: 'TAB',
      decimalMark: 'COMMA',
      headerLanguage: 'NL',
      encoding: 'UTF_8',
    });
    await sys.gql(
      token,
      `mutation($id: ID!) { validateConnector(input: { connectorId: $id }) { connector { id } } }`,
      {
        id: connector.id,
      },
    );

    const SET = `mutation($input: SetConnectorCsvConventionsInput!) { setConnectorCsvConventions(input: $input) { connector { ${CONVENTIONS} } } }`;
    const bad = await sys.gql(token, SET, {
      input: { connectorId: connector.id, csvConventions: { separator: 'COMMA' } },
    });
    expect(codeOf(bad)).toBe('CONNECTOR_CSV_CONVENTION_INVALID');
    const set = await sys.gql(token, SET, {
      input: {
        connectorId: connector.id,
        csvConventions: { separator: 'COMMA', decimalMark: 'DOT', headerLanguage: 'EN' },
      },
    });
    expect(set.data.setConnectorCsvConventions.connector.csvConventions).toEqual({
      separator: 'COMMA',
      decimalMark: 'DOT',
      headerLanguage: 'EN',
      encoding: 'UTF_8',
    });
    const stranger = await sys.token(newOffice());
    expect(
      codeOf(await sys.gql(stranger, SET, { input: { connectorId: connector.id, csvConventions: {} } })),
    ).toBe('CONNECTOR_NOT_FOUND');

    const { clientId, iban } = await dossierOn(token, office.officeId, connector.id, 'Martin SA');
    expect((await deliver(sys, bank, iban, entries(1, { amountCents: 250075 }))).errors).toBeUndefined();
    const instant = await freshRunInstant(sys);
    await runDailyExport(sys, instant);
    const [header, line] = (await batchOf(token, clientId, instant)).file.content.split('\r\n');
    expect(header.startsWith('bookingDate,clientCode,companyName,')).toBe(true);
    expect(line).toContain(',2500.75,EUR,,2500.75');
  }, 240_000);

  it('names FEC files <SIREN>FEC<closing date>.txt, the client code when the registration number is unknown', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const exact = await addActiveConnector(sys, token, 'exact-online');
    const { clientId, iban, enterpriseNumber } = await dossierOn(token, office.officeId, exact, 'Fec SAS');
    expect((await deliver(sys, bank, iban, entries(2))).errors).toBeUndefined();
    const instant = await freshRunInstant(sys);
    await runDailyExport(sys, instant);
    const batch = await batchOf(token, clientId, instant);
    expect(batch.format).toBe('FEC');
    expect(batch.file.fileName).toBe(`${enterpriseNumber}FEC${compact(instant)}.txt`);

    const dossier = await sys.gql(
      token,
      `query($input: DossierFileInput!) { dossierFile(input: $input) { fileName } }`,
      { input: { clientId, from: '2026-11-01', to: '2026-11-30', format: 'FEC' } },
    );
    expect(dossier.data.dossierFile.fileName).toBe(`${enterpriseNumber}FEC20261130.txt`);

    // A client without a registration number: its FEC files carry its client code.
    const unnumbered = await dossierOn(token, office.officeId, exact, 'Sans Numéro SPRL', {
      enterpriseNumber: null,
    });
    expect((await deliver(sys, bank, unnumbered.iban, entries(1))).errors).toBeUndefined();
    const later = await freshRunInstant(sys);
    await runDailyExport(sys, later);
    const noNumber = await batchOf(token, unnumbered.clientId, later);
    expect(noNumber.file.fileName).toBe(`${noNumber.clientCode}FEC${compact(later)}.txt`);
  }, 240_000);
});
