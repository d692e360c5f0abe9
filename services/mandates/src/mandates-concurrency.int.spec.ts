import { randomUUID } from 'node:crypto';
import { type Principal, type RunningService } from '@fidu/service-kit';
import { callSubgraph, createTestDatabase, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp } from './app';

const OFFICE = `office-${randomUUID().slice(0, 8)}`;
const office: Principal = { kind: 'office', officeId: OFFICE, userId: 'u-1', roles: ['admin'] };
const kbc: Principal = {
  kind: 'partner',
  partnerType: 'BANK',
  partnerId: 'ba000000-0000-4000-8000-000000000002',
};
const KBC = 'ba000000-0000-4000-8000-000000000002';
const SD_WORX = '5ec00000-0000-4000-8000-000000000002';
const EXACT = '50f70000-0000-4000-8000-000000000001';

type Result = { data?: Record<string, any> | null; errors?: { extensions?: Record<string, unknown> }[] };

/** Races the real service: duplicates and double signals must have exactly one effect. */
describe('mandates under concurrent requests (real Postgres)', () => {
  let service: RunningService;
  let url: string;

  beforeAll(async () => {
    service = await createApp(testServiceConfig('mandates', await createTestDatabase('mandates_race')));
    url = await service.listen(0);
  });
  afterAll(() => service?.stop());

  async function knownClient(): Promise<string> {
    const id = randomUUID();
    await service.dataSource.query(
      `INSERT INTO client_directory (client_id, office_id, company_name, client_code, language, enterprise_number, version)
       VALUES ($1, $2, 'Race SRL', $3, 'FR', '0403170701', 1)`,
      [id, OFFICE, `R${id.slice(0, 6)}`],
    );
    return id;
  }

  const gql = (principal: Principal, query: string, variables: Record<string, unknown>) =>
    callSubgraph(url, principal, query, variables) as Promise<Result>;
  const codes = (results: Result[]) =>
    results.map((r) => (r.errors ? String(r.errors[0]!.extensions!.code) : 'OK')).sort();

  it('covers an IBAN once when the same order is sent five times at once', async () => {
    const clientId = await knownClient();
    const order = `mutation($input: OrderCodaInput!) { orderCoda(input: $input) { codaMandate { id } } }`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        gql(office, order, { input: { clientId, bankId: KBC, ibans: ['BE68539007547034'] } }),
      ),
    );
    expect(codes(results)).toEqual([
      'CODA_IBAN_ALREADY_COVERED',
      'CODA_IBAN_ALREADY_COVERED',
      'CODA_IBAN_ALREADY_COVERED',
      'CODA_IBAN_ALREADY_COVERED',
      'OK',
    ]);
  });

  it('orders SODA once per secretariat, and requests it once when the CODA signature is reported twice at once', async () => {
    const clientId = await knownClient();
    const orderSoda = `mutation($input: OrderSodaInput!) { orderSoda(input: $input) { sodaMandates { id state } } }`;
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        gql(office, orderSoda, { input: { clientId, socialSecretariatIds: [SD_WORX], softwareId: EXACT } }),
      ),
    );
    expect(codes(results)).toEqual([
      'OK',
      'SODA_ALREADY_ORDERED',
      'SODA_ALREADY_ORDERED',
      'SODA_ALREADY_ORDERED',
    ]);
    const soda = results.find((r) => !r.errors)!.data!.orderSoda.sodaMandates[0];

    const coda = (
      await gql(
        office,
        `mutation($input: OrderCodaInput!) { orderCoda(input: $input) { codaMandate { id } } }`,
        {
          input: { clientId, bankId: KBC, ibans: ['BE71096123456769'] },
        },
      )
    ).data!.orderCoda.codaMandate.id;
    const move = `mutation($input: ChangeCodaMandateStateInput!) { changeCodaMandateState(input: $input) { codaMandate { state } } }`;
    await gql(kbc, move, { input: { codaMandateId: coda, state: 'AVAILABLE_ONLINE' } });
    const signals = await Promise.all(
      [1, 2, 3].map(() => gql(kbc, move, { input: { codaMandateId: coda, state: 'SIGNED' } })),
    );
    expect(codes(signals)).toEqual(['CODA_ILLEGAL_TRANSITION', 'CODA_ILLEGAL_TRANSITION', 'OK']);

    const [{ n }] = await service.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE message_key = $1 AND event_type = 'fidu.mandates.v1.SodaActivationRequested'`,
      [soda.id],
    );
    expect(n).toBe(1);
    const [{ state }] = await service.dataSource.query(`SELECT state FROM soda_mandate WHERE id = $1`, [
      soda.id,
    ]);
    expect(state).toBe('REQUESTED');
  });
});
