import { decodeEvent, type DecodedEvent } from '@fidu/proto-events';
import type { Principal } from '@fidu/service-kit';
import { belgianIban as kitBelgianIban } from '@fidu/service-kit/domain';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import type { GraphQLResult, TestSystem } from '../../support/system';

/** Fixed ids of the mandates reference data (a partner's partnerId is its row id). */
export const BANKS = {
  bnp: 'ba000000-0000-4000-8000-000000000001', // ONLINE_BANKING, CARO (12-digit references)
  kbc: 'ba000000-0000-4000-8000-000000000002', // ONLINE_BANKING, CARO (10 digits + IBAN)
  argenta: 'ba000000-0000-4000-8000-000000000006', // STANDARD, e-signature
  beobank: 'ba000000-0000-4000-8000-000000000008', // STANDARD, paper only
  revolut: 'ba000000-0000-4000-8000-00000000000e', // NOT_COMPATIBLE
};
export const SECRETARIATS = {
  securex: '5ec00000-0000-4000-8000-000000000001',
  sdWorx: '5ec00000-0000-4000-8000-000000000002',
  partena: '5ec00000-0000-4000-8000-000000000003',
  ucm: '5ec00000-0000-4000-8000-000000000007', // not a partner
};
export const SOFTWARES = {
  exact: '50f70000-0000-4000-8000-000000000001',
  yuki: '50f70000-0000-4000-8000-00000000000a',
};

export const bankPartner = (bankId: string): Principal => ({
  kind: 'partner',
  partnerType: 'BANK',
  partnerId: bankId,
});
export const secretariatPartner = (id: string): Principal => ({
  kind: 'partner',
  partnerType: 'SOCIAL_SECRETARIAT',
  partnerId: id,
});

/** A valid Belgian IBAN per seed: a bank code from 100 to 899, then the seed in the account number. */
export const belgianIban = (seed: number): string =>
  kitBelgianIban((100 + (seed % 800)) * 10_000_000 + ((1_000_000 + seed) % 10_000_000));

/** Creates a client through the gateway and waits until the mandates service knows it. */
export async function createKnownClient(
  sys: TestSystem,
  token: string,
  n: number,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await sys.gql(token, CREATE_CLIENT, { input: clientInput(n, overrides) });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const client = res.data.createClient.client as { id: string; version: number };
  await eventually(`mandates knows client ${n}`, async () => {
    const rows = await sys.services.mandates.dataSource.query(
      `SELECT 1 FROM client_directory WHERE client_id = $1`,
      [client.id],
    );
    return rows.length > 0;
  });
  return client;
}

/** The data of a successful operation; fails the test with the errors otherwise. */
export function ok<T = any>(res: GraphQLResult<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** The one error code of a refused operation. */
export function codeOf(res: GraphQLResult): string | undefined {
  return res.errors?.[0]?.extensions?.code as string | undefined;
}

/** The mandates service's events for one aggregate, oldest first, decoded from its outbox. */
export async function mandatesEvents(sys: TestSystem, key: string): Promise<DecodedEvent[]> {
  const rows = (await sys.services.mandates.dataSource.query(
    `SELECT payload FROM outbox WHERE message_key = $1 ORDER BY created_at, id`,
    [key],
  )) as {
    payload: Buffer;
  }[];
  return rows.map((r) => decodeEvent(r.payload));
}

export const CODA_FIELDS = `id state stateReason availableActions toBePresentedAgain documentVersion signedAt
  bank { id name kind } bankAccounts { id iban state activatedAt } history { fromState toState reason actor at }`;

export const ORDER_CODA = `mutation($input: OrderCodaInput!) { orderCoda(input: $input) { codaMandate { ${CODA_FIELDS} } } }`;
export const SET_MODE = `mutation($mode: MandateManagementMode!) { setMandateManagementMode(input: { mode: $mode }) { settings { mode updatedAt } } }`;
export const BANK_MOVE = `mutation($input: ChangeCodaMandateStateInput!) { changeCodaMandateState(input: $input) { codaMandate { ${CODA_FIELDS} } } }`;
export const ACCOUNT_MOVE = `mutation($input: ChangeBankAccountStateInput!) { changeBankAccountState(input: $input) { bankAccount { id iban state activatedAt } } }`;
