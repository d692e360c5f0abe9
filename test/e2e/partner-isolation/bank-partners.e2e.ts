import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import { untilConsumersJoined } from './warm-up';
import {
  BATCHES,
  BELFIUS,
  KBC,
  activate,
  addActiveConnector,
  associate,
  businessDateOf,
  codeOf,
  deliver,
  entries,
  publishActivations,
  runDailyExport,
  vendorOf,
  nodesOf,
  nextIban,
  freshRunInstant,
} from '../connectors-faq/connectors-helpers';
import {
  ACCOUNT_MOVE,
  BANK_MOVE,
  BANKS,
  ORDER_CODA,
  bankPartner,
  createKnownClient,
  ok,
} from '../mandates-support/mandates-helpers';
import { businessDay } from '../../support/business-calendar';

const ACTIVATE = `mutation($input: ActivateBankAccountInput!) { activateBankAccount(input: $input) { bankAccount { iban } } }`;
const DOSSIER = `query($input: DossierFileInput!) { dossierFile(input: $input) { entryCount content } }`;
const ORDER_CARO = `mutation($input: OrderCaroInput!) { orderCaro(input: $input) { caroOrder { id } } }`;
const CARO = `query($id: ID) { caroOrders(filter: { clientId: $id }) { edges { node { id state lastDocumentDate history { toState } } } } }`;
const REPORT = `mutation($input: ReportCaroDocumentInput!) { reportCaroDocument(input: $input) { caroOrder { id } } }`;
const OUTCOME = `mutation($input: RecordExportOutcomeInput!) { recordExportOutcome(input: $input) { exportBatch { status } } }`;
const MANDATE = `query($id: ID!) { codaMandate(id: $id) { state bankAccounts { id state } history { toState } } }`;

/**
 * Partner isolation for banks: a bank acts only on accounts of a client whose CODA mandate names that bank, and
 * its entries land only in the office that ordered that mandate. Everything through the gateway.
 */
describe('partners: banks and software vendors act only on what is addressed to them', () => {
  let sys: TestSystem;
  let office: string;
  let officeId: string;
  let clientId: string;
  let kbc: string;
  let belfius: string;

  /** What a refused delivery could have touched in connectors. */
  const connectorsRows = async (iban: string) =>
    (
      await sys.services.connectors.dataSource.query(
        `SELECT (SELECT count(*) FROM bank_entry WHERE iban = $1)::int AS entries,
                (SELECT count(*) FROM bank_account WHERE iban = $1)::int AS accounts,
                (SELECT count(*) FROM bank_entry)::int AS allEntries`,
        [iban],
      )
    )[0];
  const dossier = async () =>
    ok(await sys.gql(office, DOSSIER, { input: { clientId, from: '2026-01-01', to: '2026-12-31' } }))
      .dossierFile;

  beforeAll(async () => {
    sys = await sharedSystem();
    const victim = newOffice();
    officeId = victim.officeId;
    office = await sys.token(victim);
    await untilConsumersJoined(sys, office);
    clientId = (await createKnownClient(sys, office, 7001)).id;
    await eventually('connectors knows the client', async () => {
      const rows = await sys.services.connectors.dataSource.query(
        `SELECT 1 FROM client_directory WHERE client_id = $1`,
        [clientId],
      );
      return rows.length === 1;
    });
    kbc = await sys.token(KBC);
    belfius = await sys.token(BELFIUS);
  }, 300_000);
  afterAll(() => sys?.stop());

  it("refuses a bank that opens an account in another office's dossier, and its entries then go nowhere", async () => {
    const iban = nextIban();
    const activation = await sys.gql(kbc, ACTIVATE, { input: { officeId, clientId, iban } });
    expect(codeOf(activation)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(codeOf(await deliver(sys, kbc, iban, entries(2)))).toBe('CONNECTOR_BANK_ACCOUNT_NOT_ACTIVE');
    expect(await connectorsRows(iban)).toMatchObject({ entries: 0, accounts: 0 });
    expect((await dossier()).entryCount).toBe(0);
  }, 180_000);

  it('lets only the bank named by the CODA mandate deliver, into the office that ordered it', async () => {
    const iban = nextIban();
    const ordered = ok(
      await sys.gql(office, ORDER_CODA, { input: { clientId, bankId: BANKS.kbc, ibans: [iban] } }),
    ).orderCoda.codaMandate;
    const [account] = ordered.bankAccounts;
    const otherBank = await sys.token(bankPartner(BANKS.bnp));
    const mandateBefore = ok(await sys.gql(office, MANDATE, { id: ordered.id })).codaMandate;

    // Another bank can neither move KBC's mandate nor activate its account (not found: nothing revealed).
    expect(
      codeOf(
        await sys.gql(otherBank, BANK_MOVE, {
          input: { codaMandateId: ordered.id, state: 'AVAILABLE_ONLINE' },
        }),
      ),
    ).toBe('CODA_MANDATE_NOT_FOUND');
    expect(
      codeOf(
        await sys.gql(otherBank, ACCOUNT_MOVE, {
          input: { bankAccountId: account.id, state: 'ACTIVATION_PENDING_AT_BANK' },
        }),
      ),
    ).toBe('BANK_ACCOUNT_NOT_FOUND');
    expect(ok(await sys.gql(office, MANDATE, { id: ordered.id })).codaMandate).toEqual(mandateBefore);

    // KBC takes its mandate to activation; mandates tells connectors (BankAccountActivated names KBC).
    ok(await sys.gql(kbc, BANK_MOVE, { input: { codaMandateId: ordered.id, state: 'AVAILABLE_ONLINE' } }));
    ok(await sys.gql(kbc, BANK_MOVE, { input: { codaMandateId: ordered.id, state: 'SIGNED' } }));
    ok(
      await sys.gql(kbc, ACCOUNT_MOVE, {
        input: { bankAccountId: account.id, state: 'ACTIVE_WAITING_FOR_FIRST_FILE' },
      }),
    );
    await eventually(
      'connectors learned the activation',
      async () => (await connectorsRows(iban)).accounts === 1,
      60_000,
    );

    // Belfius delivering for KBC's account is refused as if it were not active; nothing is stored.
    expect(codeOf(await deliver(sys, belfius, iban, entries(2)))).toBe('CONNECTOR_BANK_ACCOUNT_NOT_ACTIVE');
    expect(await connectorsRows(iban)).toMatchObject({ entries: 0 });
    expect((await dossier()).entryCount).toBe(0);

    const delivered = ok(await deliver(sys, kbc, iban, entries(2))).recordBankEntries;
    expect(delivered.createdCount).toBe(2);
    expect(delivered.entries.every((e: { client: { id: string } }) => e.client.id === clientId)).toBe(true);
    expect((await dossier()).entryCount).toBe(2);

    // Once KBC stops the account in mandates, it no longer delivers entries booked after the stop
    // (refused and counted; the account stays with its dossier).
    ok(
      await sys.gql(kbc, ACCOUNT_MOVE, {
        input: { bankAccountId: account.id, state: 'STOPPED_BY_BANK', reason: 'Account closed' },
      }),
    );
    await eventually(
      'connectors learned the stop',
      async () =>
        (
          await sys.services.connectors.dataSource.query(
            `SELECT 1 FROM bank_account WHERE iban = $1 AND stopped_on IS NOT NULL`,
            [iban],
          )
        ).length === 1,
      60_000,
    );
    const tomorrow = businessDay(1);
    expect(
      ok(await deliver(sys, kbc, iban, entries(1, { bookingDate: tomorrow }))).recordBankEntries,
    ).toMatchObject({
      createdCount: 0,
      entries: [],
    });
    expect((await dossier()).entryCount).toBe(2);
  }, 180_000);

  it('lets no bank claim an account whose activation does not name a bank', async () => {
    const iban = nextIban();
    await publishActivations(sys, [{ officeId, clientId, iban, bankId: '' }]);
    await eventually(
      'connectors learned the activation',
      async () => (await connectorsRows(iban)).accounts === 1,
      60_000,
    );
    expect(codeOf(await deliver(sys, kbc, iban, entries(1)))).toBe('CONNECTOR_BANK_ACCOUNT_NOT_ACTIVE');
    expect(codeOf(await deliver(sys, belfius, iban, entries(1)))).toBe('CONNECTOR_BANK_ACCOUNT_NOT_ACTIVE');
    expect(await connectorsRows(iban)).toMatchObject({ entries: 0 });
    const [account] = await sys.services.connectors.dataSource.query(
      `SELECT bank_id FROM bank_account WHERE iban = $1`,
      [iban],
    );
    expect(account.bank_id).toBeNull();
  }, 180_000);

  it("refuses a bank that reports a document on another bank's CARO order, and changes nothing", async () => {
    const bnp = await sys.token(bankPartner(BANKS.bnp));
    const coda = ok(
      await sys.gql(office, ORDER_CODA, { input: { clientId, bankId: BANKS.bnp, ibans: [nextIban()] } }),
    ).orderCoda.codaMandate.id;
    for (const state of ['AVAILABLE_ONLINE', 'SIGNED', 'BANK_PROCEDURE', 'ACTIVE'])
      ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: coda, state } }));
    const caro = ok(
      await sys.gql(office, ORDER_CARO, {
        input: {
          clientId,
          bankId: BANKS.bnp,
          clientReference: '555566667777',
          cardholderEmail: 'holder@example.be',
          cardholderMobile: '0470 12 34 56',
        },
      }),
    ).orderCaro.caroOrder.id;
    const before = ok(await sys.gql(office, CARO, { id: clientId })).caroOrders.edges.map((e: any) => e.node);
    expect(
      codeOf(await sys.gql(kbc, REPORT, { input: { caroOrderId: caro, documentDate: '2026-11-20' } })),
    ).toBe('CARO_ORDER_NOT_FOUND');
    expect(
      ok(await sys.gql(office, CARO, { id: clientId })).caroOrders.edges.map((e: any) => e.node),
    ).toEqual(before);
  }, 180_000);

  it("refuses a software vendor that reports the import of another software's batch, and changes nothing", async () => {
    const connectorId = await addActiveConnector(sys, office, 'winbooks');
    expect((await associate(sys, office, connectorId, [clientId])).errors).toBeUndefined();
    const iban = nextIban();
    await activate(sys, officeId, clientId, iban);
    ok(await deliver(sys, kbc, iban, entries(1)));
    const now = await freshRunInstant(sys);
    expect(await runDailyExport(sys, now)).toMatchObject({ status: 'ran' });
    const winbooks = await sys.token(vendorOf('winbooks'));
    // The vendor sees every office's winbooks batches of the date: this client's is the one at stake.
    const batchesOfClient = async () =>
      nodesOf(
        ok(await sys.gql(winbooks, BATCHES, { filter: { businessDate: businessDateOf(now) } })).exportBatches,
      ).filter((b: { client: { id: string } }) => b.client.id === clientId);
    const [batch] = await batchesOfClient();
    expect(batch.status).toBe('PRODUCED');

    const octopus = await sys.token(vendorOf('octopus'));
    for (const outcome of ['IMPORTED', 'REJECTED'])
      expect(
        codeOf(await sys.gql(octopus, OUTCOME, { input: { exportId: batch.id, outcome, reason: 'nope' } })),
      ).toBe('CONNECTOR_EXPORT_NOT_FOUND');
    expect(await batchesOfClient()).toEqual([batch]);
    expect(
      ok(await sys.gql(winbooks, OUTCOME, { input: { exportId: batch.id, outcome: 'IMPORTED' } }))
        .recordExportOutcome.exportBatch.status,
    ).toBe('DELIVERED');
  }, 180_000);
});
