import { randomUUID } from 'node:crypto';
import { BankAccountActivatedSchema, encodeEvent } from '@fidu/proto-events';
import type { Principal } from '@fidu/service-kit';
import { belgianIban as kitBelgianIban } from '@fidu/service-kit/domain';
import type { TestSystem } from '../../support/system';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';

/** Helpers of the connectors end-to-end tests: everything goes through the gateway, as a caller's would. */

/** Banks and softwares as the reference data names them (partner ids). */
export const KBC: Principal = {
  kind: 'partner',
  partnerType: 'BANK',
  partnerId: 'ba000000-0000-4000-8000-000000000002',
};
export const BELFIUS: Principal = {
  kind: 'partner',
  partnerType: 'BANK',
  partnerId: 'ba000000-0000-4000-8000-000000000003',
};
export const vendorOf = (softwareId: string): Principal => ({
  kind: 'partner',
  partnerType: 'SOFTWARE_VENDOR',
  partnerId: softwareId,
});

export const DAILY_EXPORT = 'connectors.daily-export';

/** A valid Belgian IBAN from a number: account numbers 0100000000 on. */
export const belgianIban = (n: number): string => kitBelgianIban(100_000_000 + n);

/**
 * An IBAN no other test uses. An IBAN names one account (bank_account's key): a second activation
 * would move it to another office, and files that share a federation draw from the same space.
 */
export const nextIban = (): string => belgianIban(Math.floor(Math.random() * 8_000_000_000));

/** Fresh export dates come after this one: far after today, the date of runs without a date. */
const FIRST_AFTER = '2039-12-31';
let lastAllocated = FIRST_AFTER;

/**
 * The instant of a daily-export run on a business date no run has covered yet. The export runs once
 * per date for the whole service (a second trigger is `already-ran`), and a worker's shared
 * federation keeps the runs of the files before: this is the day after the latest date the service
 * recorded a run for, and after every date this file took already.
 */
export async function freshRunInstant(sys: TestSystem): Promise<Date> {
  const [{ last }] = (await sys.services.connectors.dataSource.query(
    `SELECT max(period) AS last FROM job_run WHERE job = $1`,
    [DAILY_EXPORT],
  )) as [{ last: string | null }];
  const after = [lastAllocated, last ?? FIRST_AFTER].sort().at(-1)!;
  const instant = new Date(`${after}T05:00:00Z`); // 06:00 or 07:00 in Brussels: the same date
  instant.setUTCDate(instant.getUTCDate() + 1);
  lastAllocated = businessDateOf(instant);
  return instant;
}
export const businessDateOf = (instant: Date) => instant.toISOString().slice(0, 10);

export function codeOf(res: { errors?: { extensions?: Record<string, unknown> }[] }): unknown {
  return res.errors?.[0]?.extensions?.code;
}

/** Creates clients through the gateway and waits until the connectors service knows them (ClientRegistered). */
export async function createClients(
  sys: TestSystem,
  token: string,
  count: number,
  seed = Math.floor(Math.random() * 90_000),
): Promise<string[]> {
  const ids: string[] = [];
  // Ten requests at a time: a hundred clients in ten round trips' time, still in creation order.
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, k) => seed + start + k);
    const created = await Promise.all(
      batch.map(async (n) => {
        const res = await sys.gql(token, CREATE_CLIENT, { input: clientInput(n, { clientCode: `K${n}` }) });
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        return res.data.createClient.client.id as string;
      }),
    );
    ids.push(...created);
  }
  // Generous: the first events of a fresh consumer group wait for its partitions, slow on a loaded machine.
  await eventually(
    'connectors learned the new clients',
    async () => {
      const rows = await sys.services.connectors.dataSource.query(
        `SELECT count(*)::int AS n FROM client_directory WHERE client_id = ANY($1::uuid[])`,
        [ids],
      );
      return rows[0].n === ids.length;
    },
    60_000,
  );
  return ids;
}

export const CONNECTOR = 'id state exportFormat software { id name }';

export async function addActiveConnector(
  sys: TestSystem,
  token: string,
  softwareId: string,
  exportFormat?: string,
): Promise<string> {
  const added = await sys.gql(
    token,
    `mutation($input: AddConnectorInput!) { addConnector(input: $input) { connector { id } } }`,
    {
      input: { softwareId, exportFormat },
    },
  );
  if (added.errors) throw new Error(JSON.stringify(added.errors));
  const id = added.data.addConnector.connector.id;
  const validated = await sys.gql(
    token,
    `mutation($id: ID!) { validateConnector(input: { connectorId: $id }) { connector { state } } }`,
    { id },
  );
  if (validated.errors) throw new Error(JSON.stringify(validated.errors));
  return id;
}

export function associate(sys: TestSystem, token: string, connectorId: string, clientIds: string[]) {
  return sys.gql(
    token,
    `mutation($input: AssociateClientsInput!) { associateClients(input: $input) { associations { client { id } connector { id } associatedAt } } }`,
    { input: { connectorId, clientIds } },
  );
}

/**
 * mandates activated these accounts at `bank` (BankAccountActivated on Kafka, naming the bank, as
 * mandates publishes it when the bank activates an account of its CODA mandate); waits until
 * connectors knows them. Banks cannot activate accounts in connectors themselves.
 */
export async function activateAccounts(
  sys: TestSystem,
  officeId: string,
  accounts: { clientId: string; iban: string }[],
  bank: Principal = KBC,
): Promise<void> {
  const bankId = bank.kind === 'partner' ? bank.partnerId : '';
  await publishActivations(
    sys,
    accounts.map((a) => ({ officeId, ...a, bankId })),
  );
  await eventually(
    'connectors learned the activations',
    async () => {
      const rows = await sys.services.connectors.dataSource.query(
        `SELECT count(*)::int AS n FROM bank_account WHERE iban = ANY($1::text[]) AND office_id = $2`,
        [accounts.map((a) => a.iban), officeId],
      );
      return rows[0].n === accounts.length;
    },
    60_000,
  );
}

/** One account activated at `bank` (KBC by default), as activateAccounts. */
export const activate = (sys: TestSystem, officeId: string, clientId: string, iban: string, bank = KBC) =>
  activateAccounts(sys, officeId, [{ clientId, iban }], bank);

/** Publishes mandates' BankAccountActivated on Kafka (bankId '' = an event that names no bank). */
export async function publishActivations(
  sys: TestSystem,
  activations: { officeId: string; clientId: string; iban: string; bankId: string }[],
): Promise<void> {
  const bus = sys.eventBus('e2e-mandates');
  try {
    await bus.publish(
      activations.map(({ officeId, clientId, iban, bankId }) => {
        const bankAccountId = randomUUID();
        return encodeEvent(
          BankAccountActivatedSchema,
          { bankAccountId, officeId, clientId, iban, bankId },
          { source: 'mandates', tenant: officeId, subject: bankAccountId },
        );
      }),
    );
  } finally {
    await bus.close();
  }
}

/** Publishes one activation at KBC without waiting (connectors learns it asynchronously). */
export const publishActivation = (sys: TestSystem, officeId: string, clientId: string, iban: string) =>
  publishActivations(sys, [
    { officeId, clientId, iban, bankId: KBC.kind === 'partner' ? KBC.partnerId : '' },
  ]);

export interface EntryInput {
  bookingDate: string;
  amountCents: number;
  currency: string;
  label: string;
  counterpartyName?: string;
  bankReference: string;
}

let refSeq = 0;
/** n entries of one IBAN with unique references. */
export function entries(n: number, overrides: Partial<EntryInput> = {}): EntryInput[] {
  return Array.from({ length: n }, (_, i) => ({
    bookingDate: '2026-11-20',
    amountCents: (i % 2 === 0 ? 1 : -1) * (1000 + i),
    currency: 'EUR',
    label: `Opération ${i + 1}`,
    counterpartyName: 'Fournisseur SA',
    bankReference: `REF-${++refSeq}-${randomUUID().slice(0, 8)}`,
    ...overrides,
  }));
}

export function deliver(sys: TestSystem, bankToken: string, iban: string, list: EntryInput[]) {
  return sys.gql(
    bankToken,
    `mutation($input: RecordBankEntriesInput!) { recordBankEntries(input: $input) { createdCount duplicateCount entries { id bankReference amountCents client { id } } } }`,
    { input: { iban, entries: list } },
  );
}

/** Runs the daily export for the business date of `now` (the same once-per-date guarantee as the timer). */
export function runDailyExport(sys: TestSystem, now: Date) {
  return sys.services.connectors.scheduler.trigger(DAILY_EXPORT, now);
}

export const BATCHES = `query($filter: ExportBatchFilter, $format: ConnectorExportFormat) {
  exportBatches(filter: $filter, first: 500) { edges { node { id softwareId status entryCount format businessDate clientCode
    client { id } connector { id } file(format: $format) { fileName entryCount content } } } }
}`;

/** The nodes of a Relay connection (exportBatches, globalFiles), in page order. */
export function nodesOf<T = any>(connection: { edges: { node: T }[] }): T[] {
  return connection.edges.map((edge) => edge.node);
}

export const GLOBAL_FILE = `query($date: Date, $format: ConnectorExportFormat) {
  globalFile(businessDate: $date) { id businessDate entryCount clientCount file(format: $format) { fileName entryCount content downloadUrl } }
}`;

/** Bank references found in a CSV file's content (5th column), header skipped; `;` or `,` as the header shows. */
export function csvReferences(content: string): string[] {
  const [header, ...lines] = content.split('\r\n');
  const separator = header!.includes(';') ? ';' : ',';
  return lines.filter(Boolean).map((line) => line.split(separator)[4]!);
}
