import { randomUUID } from 'node:crypto';
import { eventually } from '../../support/probe';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import type { TestSystem } from '../../support/system';

/** An approved company with one worker and one voucher user, and tokens for each principal. */
export interface CompanySetup {
  companyId: string;
  companyToken: string;
  workerId: string;
  voucherUserId: string;
  userToken: string;
}

let seq = 0;

/** Creates a client in the office, waits for titres-services to know it, registers it and adds people. */
export async function setUpCompany(sys: TestSystem, officeToken: string): Promise<CompanySetup> {
  seq += 1;
  const n = Math.floor(Math.random() * 9000) + seq;
  const client = await sys.gql(officeToken, CREATE_CLIENT, {
    input: clientInput(n, { clientCode: `TS${n}` }),
  });
  expect(client.errors).toBeUndefined();
  const clientId = client.data.createClient.client.id as string;
  const approvalNumber = String(100000 + n * 7 + seq).slice(0, 6);
  const companyId = await eventually('titres-services knows the new client', async () => {
    const res = await sys.gql(
      officeToken,
      `mutation($input: RegisterApprovedCompanyInput!) { registerApprovedCompany(input: $input) { approvedCompany { id } } }`,
      {
        input: {
          clientId,
          approvalNumber,
          financialContact: { name: 'Marie Dubois', email: 'compta@propre.be' },
        },
      },
    );
    if (res.errors?.[0]?.extensions?.code === 'CLIENT_NOT_FOUND') return undefined;
    expect(res.errors).toBeUndefined();
    return res.data.registerApprovedCompany.approvedCompany.id as string;
  });
  const companyToken = await sys.token({ kind: 'company', companyId });
  const worker = await sys.gql(
    companyToken,
    `mutation($input: AddWorkerInput!) { addWorker(input: $input) { worker { id } } }`,
    { input: { companyId, firstName: 'Zoé', lastName: 'Martin' } },
  );
  expect(worker.errors).toBeUndefined();
  const voucherUserId = await registerUser(sys, companyToken, companyId);
  return {
    companyId,
    companyToken,
    workerId: worker.data.addWorker.worker.id,
    voucherUserId,
    userToken: await sys.token({ kind: 'voucher_user', voucherUserId }),
  };
}

/** Registers a voucher user for the company; returns their id. */
export async function registerUser(sys: TestSystem, token: string, companyId: string): Promise<string> {
  const res = await sys.gql(
    token,
    `mutation($input: RegisterVoucherUserInput!) { registerVoucherUser(input: $input) { voucherUser { id } } }`,
    {
      input: {
        companyId,
        firstName: 'Jeanne',
        lastName: 'Peeters',
        email: `jeanne-${randomUUID().slice(0, 8)}@example.be`,
      },
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data.registerVoucherUser.voucherUser.id;
}

/** Yesterday (UTC), always a valid prestation date whatever the Brussels time. */
export const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

export const PRESTATION_FIELDS = `id state exportStatusCode exportStatusLabel hours vouchersNeeded vouchersAttributed vouchersRemaining
  vouchersReimbursementRequested vouchersLeftToRequest periodEndsOn awaitingUserConfirmation awaitingCompanyValidation`;

/** Encodes a prestation as the company; returns its fields. */
export async function encode(
  sys: TestSystem,
  c: CompanySetup,
  hours: number,
  voucherUserId = c.voucherUserId,
) {
  const res = await sys.gql(
    c.companyToken,
    `mutation($input: EncodePrestationInput!) { encodePrestation(input: $input) { prestation { ${PRESTATION_FIELDS} } } }`,
    {
      input: {
        companyId: c.companyId,
        workerId: c.workerId,
        voucherUserId,
        performedOn: YESTERDAY,
        hours,
        activity: 'CLEANING',
        encodedBy: 'WORKER',
      },
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data.encodePrestation.prestation;
}

/** Runs one of confirm/contest/validate/correct/cancel; returns the whole response. */
export function act(sys: TestSystem, token: string, mutation: string, input: Record<string, unknown>) {
  const name = mutation.charAt(0).toUpperCase() + mutation.slice(1);
  return sys.gql(
    token,
    `mutation($input: ${name}Input!) { ${mutation}(input: $input) { prestation { ${PRESTATION_FIELDS} } } }`,
    {
      input,
    },
  );
}

/** The user orders vouchers; returns the payload. */
export async function order(sys: TestSystem, userToken: string, quantity: number) {
  const res = await sys.gql(
    userToken,
    `mutation($input: OrderVouchersInput!) { orderVouchers(input: $input) {
       order { id quantity totalCents expiresOn } servedPrestations { id state exportStatusCode vouchersAttributed }
       wallet { balance vouchersByExpiry { expiresOn count } } } }`,
    { input: { quantity } },
  );
  expect(res.errors).toBeUndefined();
  return res.data.orderVouchers;
}

/** Reads a prestation as `token` (null when not visible). */
export async function read(sys: TestSystem, token: string, id: string) {
  const res = await sys.gql(
    token,
    `query($id: ID!) { prestation(id: $id) { ${PRESTATION_FIELDS} history { fromState toState action actor reason vouchersAttributed } } }`,
    { id },
  );
  expect(res.errors).toBeUndefined();
  return res.data.prestation;
}

/** The nodes of a Relay connection, in page order. */
export function nodesOf<T = any>(connection: { edges: { node: T }[] }): T[] {
  return connection.edges.map((e) => e.node);
}

/**
 * The export of a company's prestations, read through the gateway (`content`); the streamed file
 * behind `downloadUrl` (through the gateway's file proxy) must hold exactly the same lines.
 * Returns the CSV lines split on `;`.
 */
export async function exportCsv(sys: TestSystem, token: string, companyId: string): Promise<string[][]> {
  const res = await sys.gql(
    token,
    `mutation($input: ExportPrestationsInput!) { exportPrestations(input: $input) { downloadUrl expiresAt content } }`,
    { input: { companyId } },
  );
  expect(res.errors).toBeUndefined();
  const { content, downloadUrl } = res.data.exportPrestations as { content: string; downloadUrl: string };
  // A full URL through the gateway, as a front-end follows it (no bearer token: the link is signed).
  expect(downloadUrl.startsWith(`${sys.gatewayUrl.replace(/\/graphql$/, '')}/files/titres-services/`)).toBe(
    true,
  );
  const file = await fetch(downloadUrl);
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(await file.text()).toBe(content);
  return content
    .trim()
    .split('\n')
    .map((l) => l.split(';'));
}

/** The export line of a prestation: [code, label]. */
export function statusInExport(lines: string[][], prestationId: string): [string, string] {
  const header = lines[0]!;
  const row = lines.find((l) => l[0] === prestationId);
  if (!row) throw new Error(`prestation ${prestationId} is not in the export`);
  return [row[header.indexOf('status_code')]!, row[header.indexOf('status_label')]!];
}
