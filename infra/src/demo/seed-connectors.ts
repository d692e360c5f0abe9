import { belgianIban } from '@fidu/service-kit/domain';
import type { DemoContext } from './demo-context';
import { gql } from './seed-clients';

/** KBC in the mandates reference data: the bank partner that delivers the demo entries. */
const DEMO_BANK_ID = 'ba000000-0000-4000-8000-000000000002';

/** The demo's Belgian accounts: numbers 0737000001 on. */
const demoIban = (n: number): string => belgianIban(737_000_000 + n);

/** Services learn clients and activations from events: right after a change, retry a little. */
async function untilKnown<T>(call: () => Promise<T>, notYet = 'No such client'): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= 120 || !String(error).includes(notYet)) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
const untilClientsKnown = <T>(call: () => Promise<T>) => untilKnown(call);

const LABELS = [
  'Loyer',
  'Facture fournisseur',
  'Paiement client',
  'Electricité',
  'TVA',
  'Salaire',
  'Assurance',
];

/** The office orders CODA for the IBAN at KBC; KBC takes it to signature and activates the account. */
async function activateAtKbc(url: string, office: string, bank: string, clientId: string, iban: string) {
  const { orderCoda } = await untilClientsKnown(() =>
    gql<{ orderCoda: { codaMandate: { id: string; bankAccounts: { id: string }[] } } }>(
      url,
      office,
      `mutation($input: OrderCodaInput!) { orderCoda(input: $input) { codaMandate { id bankAccounts { id } } } }`,
      { input: { clientId, bankId: DEMO_BANK_ID, ibans: [iban] } },
    ),
  );
  for (const state of ['AVAILABLE_ONLINE', 'SIGNED'])
    await gql(
      url,
      bank,
      `mutation($input: ChangeCodaMandateStateInput!) { changeCodaMandateState(input: $input) { codaMandate { id } } }`,
      { input: { codaMandateId: orderCoda.codaMandate.id, state } },
    );
  await gql(
    url,
    bank,
    `mutation($input: ChangeBankAccountStateInput!) { changeBankAccountState(input: $input) { bankAccount { id } } }`,
    {
      input: {
        bankAccountId: orderCoda.codaMandate.bankAccounts[0]!.id,
        state: 'ACTIVE_WAITING_FOR_FIRST_FILE',
      },
    },
  );
}

/**
 * So bank demo: connectors in every state (active FEC and CSV, pending validation,
 * deleted), clients associated one by one, by selection and from the client record, one associated
 * before its IBAN is active, bank entries from KBC, then today's daily export (run by an operator)
 * with batches delivered, failed and waiting, and a global file for the non-associated dossiers.
 * Idempotent: skipped when the demo office already has connectors.
 */
export async function seedConnectors(ctx: DemoContext): Promise<string> {
  const office = ctx.officeToken;
  const existing = await gql<{ connectors: { id: string }[] }>(ctx.url, office, `{ connectors { id } }`);
  const bankToken = await ctx.token({ kind: 'partner', partnerType: 'BANK', partnerId: DEMO_BANK_ID });
  const tokens = `bank: npm run token -- --partner BANK:${DEMO_BANK_ID}; software vendor: --partner SOFTWARE_VENDOR:exact-online`;
  if (existing.connectors.length > 0)
    return `connectors demo already present (${existing.connectors.length} connectors); ${tokens}`;

  const clients = (
    await gql<{ clients: { edges: { node: { id: string } }[] } }>(
      ctx.url,
      office,
      `{ clients(first: 100) { edges { node { id } } } }`,
    )
  ).clients.edges.map((e) => e.node.id);
  const add = async (softwareId: string, validate: boolean) => {
    const res = await gql<{ addConnector: { connector: { id: string } } }>(
      ctx.url,
      office,
      `mutation($input: AddConnectorInput!) { addConnector(input: $input) { connector { id } } }`,
      { input: { softwareId } },
    );
    const id = res.addConnector.connector.id;
    if (validate)
      await gql(
        ctx.url,
        office,
        `mutation($id: ID!) { validateConnector(input: { connectorId: $id }) { connector { id } } }`,
        { id },
      );
    return id;
  };
  const associate = (connectorId: string, clientIds: string[]) =>
    untilClientsKnown(() =>
      gql(
        ctx.url,
        office,
        `mutation($input: AssociateClientsInput!) { associateClients(input: $input) { associations { associatedAt } } }`,
        {
          input: { connectorId, clientIds },
        },
      ),
    );

  const exact = await add('exact-online', true); // FEC
  const octopus = await add('octopus', true); // CSV
  await add('yuki', false); // pending validation
  const winbooks = await add('winbooks', true);
  await associate(winbooks, clients.slice(20, 22));
  await gql(
    ctx.url,
    office,
    `mutation($id: ID!) { deleteConnector(input: { connectorId: $id }) { endedAssociationCount } }`,
    { id: winbooks },
  );

  await associate(exact, clients.slice(0, 6));
  await associate(octopus, clients.slice(6, 9));
  await untilClientsKnown(() =>
    gql(
      ctx.url,
      office,
      `mutation($input: AssociateClientInput!) { associateClient(input: $input) { association { associatedAt } } }`,
      {
        input: { clientId: clients[9], connectorId: octopus },
      },
    ),
  );
  await gql(
    ctx.url,
    office,
    `mutation($id: ID!) { disassociateClient(input: { clientId: $id }) { association { endedAt } } }`,
    { id: clients[8] },
  );

  // Clients 0–15 have an active IBAN at KBC, except client 5: associated before its activation.
  // As in real life: the office orders CODA at KBC, KBC activates the account, mandates tells
  // connectors. All accounts first, then their entries: connectors hears of the activations while
  // the next ones are made, instead of being waited for fifteen times.
  const today = new Date().toISOString().slice(0, 10);
  const activated = [...Array(16).keys()].filter((i) => i !== 5);
  for (const i of activated) await activateAtKbc(ctx.url, office, bankToken, clients[i]!, demoIban(i + 1));
  for (const i of activated) {
    const entries = Array.from({ length: 3 + (i % 4) }, (_, k) => ({
      bookingDate: today,
      amountCents: (k % 2 === 0 ? -1 : 1) * (2500 + 1371 * (i + 1) * (k + 1)),
      currency: 'EUR',
      label: `${LABELS[(i + k) % LABELS.length]} ${k + 1}`,
      counterpartyName: `Partenaire ${String.fromCharCode(65 + ((i + k) % 26))}`,
      bankReference: `DEMO-${i + 1}-${k + 1}`,
    }));
    await untilKnown(
      () =>
        gql(
          ctx.url,
          bankToken,
          `mutation($input: RecordBankEntriesInput!) { recordBankEntries(input: $input) { createdCount } }`,
          { input: { iban: demoIban(i + 1), entries } },
        ),
      'No active account',
    );
  }

  const operator = await ctx.token({ kind: 'operator', userId: 'demo-seed' });
  await gql(ctx.url, operator, `mutation { runDailyExport(input: { reason: "demo data" }) { status } }`);
  const vendor = await ctx.token({
    kind: 'partner',
    partnerType: 'SOFTWARE_VENDOR',
    partnerId: 'exact-online',
  });
  const batches = await gql<{ exportBatches: { edges: { node: { id: string } }[] } }>(
    ctx.url,
    vendor,
    `{ exportBatches { edges { node { id } } } }`,
  );
  const [imported, rejected] = batches.exportBatches.edges.map((e) => e.node);
  const outcome = `mutation($input: RecordExportOutcomeInput!) { recordExportOutcome(input: $input) { exportBatch { status } } }`;
  if (imported)
    await gql(ctx.url, vendor, outcome, { input: { exportId: imported.id, outcome: 'IMPORTED' } });
  if (rejected)
    await gql(ctx.url, vendor, outcome, {
      input: { exportId: rejected.id, outcome: 'REJECTED', reason: 'Journal BQ clôturé' },
    });
  return `connectors demo: 4 connectors (active FEC/CSV, pending, deleted), 10 associations, ${batches.exportBatches.edges.length} exports to Exact Online and a global file; ${tokens}`;
}
