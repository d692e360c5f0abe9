import { randomUUID } from 'node:crypto';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import { untilConsumersJoined } from '../partner-isolation/warm-up';
import { KBC, addActiveConnector, associate, nextIban } from '../connectors-faq/connectors-helpers';
import {
  ACCOUNT_MOVE,
  BANK_MOVE,
  BANKS,
  ORDER_CODA,
  createKnownClient,
  ok,
} from '../mandates-support/mandates-helpers';
import { businessDay } from '../../support/business-calendar';

const DELIVER = `mutation($input: RecordBankEntriesInput!) { recordBankEntries(input: $input) {
  createdCount duplicateCount refusedCount refusedEntries { bankReference bookingDate code } entries { bankReference } } }`;
const ARCHIVE = `mutation($id: ID!, $reason: String!) { archiveCodaMandate(input: { codaMandateId: $id, reason: $reason }) { codaMandate { state } } }`;
const ACCOUNTS = `query($id: ID!) { client(id: $id) { connectorAssociation { connector { id } }
  activeBankAccounts { iban stoppedOn refusedEntryCount } } }`;

const entry = (bookingDate: string) => ({
  bookingDate,
  amountCents: -4200,
  currency: 'EUR',
  label: 'Prélèvement',
  bankReference: `STOP-${randomUUID().slice(0, 12)}`,
});

/**
 * The bank stops an account in mandates (changeBankAccountState, through the gateway);
 * connectors refuses and counts entries booked after the stop, keeps the rest and the association,
 * and resumes when the bank activates the account again.
 */
describe('connectors: stopped bank accounts', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await sharedSystem();
  }, 300_000);
  afterAll(() => sys?.stop());

  /** Orders CODA at KBC for one IBAN, and KBC takes it to activation; waits until connectors knows it. */
  async function activateAtKbc(token: string, clientId: string, iban: string) {
    const kbc = await sys.token(KBC);
    const mandate = await eventually(
      'mandates knows the client',
      async () =>
        (await sys.gql(token, ORDER_CODA, { input: { clientId, bankId: BANKS.kbc, ibans: [iban] } })).data
          ?.orderCoda.codaMandate,
      150_000,
    );
    const accountId: string = mandate.bankAccounts[0].id;
    ok(await sys.gql(kbc, BANK_MOVE, { input: { codaMandateId: mandate.id, state: 'AVAILABLE_ONLINE' } }));
    ok(await sys.gql(kbc, BANK_MOVE, { input: { codaMandateId: mandate.id, state: 'SIGNED' } }));
    ok(
      await sys.gql(kbc, ACCOUNT_MOVE, {
        input: { bankAccountId: accountId, state: 'ACTIVE_WAITING_FOR_FIRST_FILE' },
      }),
    );
    const accountOf = async () => (await sys.gql(token, ACCOUNTS, { id: clientId })).data?.client;
    await eventually(
      'connectors learned the activation',
      async () => (await accountOf())?.activeBankAccounts?.length === 1,
      60_000,
    );
    return { mandate, accountId, accountOf };
  }

  it('refuses entries booked after the stop with a code, counts them, keeps the association, and resumes on reactivation', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const kbc = await sys.token(KBC);
    await untilConsumersJoined(sys, token);
    const clientId = (await createKnownClient(sys, token, 7301)).id;
    await eventually(
      'connectors knows the client',
      async () =>
        (
          await sys.services.connectors.dataSource.query(
            `SELECT 1 FROM client_directory WHERE client_id = $1`,
            [clientId],
          )
        ).length === 1,
      150_000,
    );
    const connectorId = await addActiveConnector(sys, token, 'octopus');
    ok(await associate(sys, token, connectorId, [clientId]));

    // KBC takes the office's CODA mandate to activation, then stops the account: all in mandates.
    const iban = nextIban();
    const { accountId, accountOf } = await activateAtKbc(token, clientId, iban);
    ok(
      await sys.gql(kbc, ACCOUNT_MOVE, {
        input: { bankAccountId: accountId, state: 'STOPPED_BY_BANK', reason: 'Account closed' },
      }),
    );
    const stopped = await eventually(
      'connectors learned the stop',
      async () => {
        const client = await accountOf();
        return client?.activeBankAccounts?.[0]?.stoppedOn ? client : undefined;
      },
      60_000,
    );
    const stoppedOn: string = stopped.activeBankAccounts[0].stoppedOn;
    // Dated by mandates' event, in Brussels: today, whatever the UTC date.
    expect([businessDay(-1), businessDay(0), businessDay(1)]).toContain(stoppedOn);
    expect(stopped.connectorAssociation).toEqual({ connector: { id: connectorId } });

    const before = entry(businessDay(-3));
    const after = entry(businessDay(1)); // after the stop, and not after tomorrow (the bank-entry rule)
    const res = ok(await sys.gql(kbc, DELIVER, { input: { iban, entries: [before, after] } }));
    expect(res.recordBankEntries).toEqual({
      createdCount: 1,
      duplicateCount: 0,
      refusedCount: 1,
      refusedEntries: [
        {
          bankReference: after.bankReference,
          bookingDate: after.bookingDate,
          code: 'CONNECTOR_BANK_ACCOUNT_STOPPED',
        },
      ],
      entries: [{ bankReference: before.bankReference }],
    });
    expect(await accountOf()).toEqual({
      connectorAssociation: { connector: { id: connectorId } },
      activeBankAccounts: [{ iban, stoppedOn, refusedEntryCount: 1 }],
    });

    // KBC activates the account again (STOPPED_BY_BANK → ACTIVATION_PENDING_AT_BANK → ACTIVE_WAITING_FOR_FIRST_FILE).
    ok(
      await sys.gql(kbc, ACCOUNT_MOVE, {
        input: { bankAccountId: accountId, state: 'ACTIVATION_PENDING_AT_BANK' },
      }),
    );
    ok(
      await sys.gql(kbc, ACCOUNT_MOVE, {
        input: { bankAccountId: accountId, state: 'ACTIVE_WAITING_FOR_FIRST_FILE' },
      }),
    );
    await eventually(
      'connectors learned the reactivation',
      async () => (await accountOf())?.activeBankAccounts?.[0]?.stoppedOn === null,
      60_000,
    );
    const resumed = ok(await sys.gql(kbc, DELIVER, { input: { iban, entries: [after] } }));
    expect(resumed.recordBankEntries).toMatchObject({ createdCount: 1, refusedCount: 0, refusedEntries: [] });
  }, 300_000);

  it('stops the accounts of an archived CODA mandate: the bank can neither deliver after it nor reactivate them', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const kbc = await sys.token(KBC);
    const clientId = (await createKnownClient(sys, token, 7302)).id;
    const iban = nextIban();
    const { mandate, accountId, accountOf } = await activateAtKbc(token, clientId, iban);

    ok(await sys.gql(token, ARCHIVE, { id: mandate.id, reason: 'Client parti' }));
    await eventually(
      'connectors learned the stop',
      async () => Boolean((await accountOf())?.activeBankAccounts?.[0]?.stoppedOn),
      60_000,
    );
    const res = ok(await sys.gql(kbc, DELIVER, { input: { iban, entries: [entry(businessDay(1))] } }));
    expect(res.recordBankEntries).toMatchObject({ createdCount: 0, refusedCount: 1 });
    expect(res.recordBankEntries.refusedEntries[0].code).toBe('CONNECTOR_BANK_ACCOUNT_STOPPED');

    const reactivate = await sys.gql(kbc, ACCOUNT_MOVE, {
      input: { bankAccountId: accountId, state: 'ACTIVATION_PENDING_AT_BANK' },
    });
    expect(reactivate.errors?.[0]?.extensions?.code).toBe('CODA_MANDATE_ARCHIVED');
  }, 300_000);
});
