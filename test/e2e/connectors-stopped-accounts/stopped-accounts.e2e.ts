import { randomUUID } from 'node:crypto';
import { BankAccountState, BankAccountStateChangedSchema, encodeEvent } from '@fidu/proto-events';
import { createKafkaBus } from '@fidu/service-kit';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import {
  KBC,
  activateAccounts,
  addActiveConnector,
  associate,
  createClients,
  nextIban,
} from '../connectors-faq/connectors-helpers';

const DELIVER = `mutation($input: RecordBankEntriesInput!) { recordBankEntries(input: $input) {
  createdCount duplicateCount refusedCount refusedEntries { bankReference bookingDate code } entries { bankReference } } }`;
const ACCOUNTS = `query($id: ID!) { client(id: $id) { connectorAssociation { connector { id } }
  activeBankAccounts { iban stoppedOn refusedEntryCount } } }`;

const KBC_ID = KBC.kind === 'partner' ? KBC.partnerId : '';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const entry = (bookingDate: string) => ({
  bookingDate,
  amountCents: -4200,
  currency: 'EUR',
  label: 'Prélèvement',
  bankReference: `STOP-${randomUUID().slice(0, 12)}`,
});

/** Issue 13 item 3: a stopped account refuses (and counts) entries booked after its stop, through the gateway. */
describe('connectors: stopped bank accounts', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startSystem();
  });
  afterAll(() => sys?.stop());

  /** Publishes mandates' BankAccountStateChanged for the account, as mandates does on changeBankAccountState. */
  async function changeState(
    officeId: string,
    clientId: string,
    bankAccountId: string,
    iban: string,
    oldState: BankAccountState,
    newState: BankAccountState,
  ) {
    const bus = createKafkaBus({
      brokers: sys.services.connectors.config.kafkaBrokers,
      clientId: 'e2e-mandates',
      log: sys.services.connectors.log,
    });
    try {
      await bus.publish([
        encodeEvent(
          BankAccountStateChangedSchema,
          {
            bankAccountId,
            officeId,
            clientId,
            iban,
            bankId: KBC_ID,
            oldState,
            newState,
            reason: 'e2e',
            actor: 'system',
          },
          { source: 'mandates', tenant: officeId, subject: bankAccountId },
        ),
      ]);
    } finally {
      await bus.close();
    }
  }

  it('refuses entries booked after the stop with a code, counts them, keeps the association, and resumes on reactivation', async () => {
    const office = newOffice();
    const token = await sys.token(office);
    const bank = await sys.token(KBC);
    const [clientId] = await createClients(sys, token, 1);
    const connectorId = await addActiveConnector(sys, token, 'octopus');
    expect((await associate(sys, token, connectorId, [clientId!])).errors).toBeUndefined();
    const iban = nextIban();
    await activateAccounts(sys, office.officeId, [{ clientId: clientId!, iban }]);
    const [{ bank_account_id: bankAccountId }] = await sys.services.connectors.dataSource.query(
      `SELECT bank_account_id FROM bank_account WHERE iban = $1`,
      [iban],
    );

    await changeState(
      office.officeId,
      clientId!,
      bankAccountId,
      iban,
      BankAccountState.ACTIVE,
      BankAccountState.STOPPED_BY_HOLDER,
    );
    const today = day(0);
    const view = await eventually(
      'connectors learned the stop',
      async () => {
        const res = await sys.gql(token, ACCOUNTS, { id: clientId });
        const account = res.data?.client?.activeBankAccounts?.[0];
        return account?.stoppedOn ? res.data.client : undefined;
      },
      60_000,
    );
    // The stop is dated by mandates' event: today in Brussels (yesterday's UTC date at most differs by a day).
    expect([day(-1), today]).toContain(view.activeBankAccounts[0].stoppedOn);
    const stoppedOn: string = view.activeBankAccounts[0].stoppedOn;
    expect(view.connectorAssociation).toEqual({ connector: { id: connectorId } });

    const before = entry(day(-3));
    const after = entry(day(1)); // after the stop, and not after tomorrow (the bank-entry rule)
    const res = await sys.gql(bank, DELIVER, { input: { iban, entries: [before, after] } });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordBankEntries).toEqual({
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
    const counted = await sys.gql(token, ACCOUNTS, { id: clientId });
    expect(counted.data.client.activeBankAccounts).toEqual([{ iban, stoppedOn, refusedEntryCount: 1 }]);
    expect(counted.data.client.connectorAssociation).toEqual({ connector: { id: connectorId } });

    // mandates reactivates it (ACTIVATION_PENDING_AT_BANK → ACTIVE_WAITING_FOR_FIRST_FILE): entries flow again.
    await changeState(
      office.officeId,
      clientId!,
      bankAccountId,
      iban,
      BankAccountState.ACTIVATION_PENDING_AT_BANK,
      BankAccountState.ACTIVE_WAITING_FOR_FIRST_FILE,
    );
    await eventually(
      'connectors learned the reactivation',
      async () =>
        (await sys.gql(token, ACCOUNTS, { id: clientId })).data?.client?.activeBankAccounts?.[0]
          ?.stoppedOn === null,
      60_000,
    );
    const resumed = await sys.gql(bank, DELIVER, { input: { iban, entries: [after] } });
    expect(resumed.data.recordBankEntries).toMatchObject({
      createdCount: 1,
      refusedCount: 0,
      refusedEntries: [],
    });
  }, 240_000);
});
