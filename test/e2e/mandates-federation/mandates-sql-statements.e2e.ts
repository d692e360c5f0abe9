import { randomUUID } from 'node:crypto';
import { mapConcurrently } from '../../support/concurrently';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import {
  BANKS,
  ORDER_CODA,
  SECRETARIATS,
  SOFTWARES,
  belgianIban,
  createKnownClient,
  ok,
} from '../mandates-support/mandates-helpers';

const PAGE = `query($first: Int) { clients(first: $first) { edges { node {
  id companyName
  codaMandates { id state availableActions toBePresentedAgain bank { name kind } bankAccounts { iban state history { toState } } history { toState actor } }
  sodaMandates { id state socialSecretariat { name } software { name } history { toState } }
  caroOrders { id state clientReference bank { name } history { toState } }
  mandateSummary { coda { state count } soda { state count } caro { state count } toBePresentedAgain }
} } } }`;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** No N+1: a page of 100 clients with all their mandates costs what a page of 10 costs. */
describe('mandates: SQL statements for a page of clients with their mandates', () => {
  let sys: TestSystem;
  let office: string;
  let officeId: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    const principal = newOffice();
    officeId = principal.officeId;
    office = await sys.token(principal);
    const clients = await mapConcurrently(range(1, 100), 10, (n) => createKnownClient(sys, office, n));
    const ids = clients.map((c) => c.id);
    await mapConcurrently(ids, 10, async (clientId, i) => {
      ok(
        await sys.gql(office, ORDER_CODA, {
          input: { clientId, bankId: i % 2 ? BANKS.argenta : BANKS.bnp, ibans: [belgianIban(1000 + i)] },
        }),
      );
      ok(
        await sys.gql(
          office,
          `mutation($input: OrderSodaInput!) { orderSoda(input: $input) { sodaMandates { id } } }`,
          {
            input: {
              clientId,
              socialSecretariatIds: [SECRETARIATS.sdWorx, SECRETARIATS.securex],
              softwareId: SOFTWARES.exact,
            },
          },
        ),
      );
    });
    // CARO orders straight in the table (the workflow itself is tested in mandates-caro).
    await sys.services.mandates.dataSource.query(
      `INSERT INTO caro_order (id, office_id, client_id, bank_id, client_reference, cardholder_email, cardholder_mobile, state,
         invitation_token, invited_at, invitation_expires_at)
       SELECT gen_random_uuid(), $1, c, $3, lpad(n::text, 12, '0'), 'holder@example.be', '+32470123456', 'INVITATION_SENT',
         md5(c::text) || 'tok', now(), now() + interval '14 days'
         FROM unnest($2::uuid[]) WITH ORDINALITY AS t(c, n)`,
      [officeId, ids, BANKS.bnp],
    );
  }, 300_000);
  afterAll(() => sys?.stop());

  async function statementsFor(first: number): Promise<number> {
    const requestId = randomUUID();
    const res = await sys.gql(office, PAGE, { first }, requestId);
    expect(res.errors).toBeUndefined();
    const nodes = res.data.clients.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(first);
    for (const node of nodes) {
      expect(node.codaMandates).toHaveLength(1);
      expect(node.codaMandates[0].bankAccounts).toHaveLength(1);
      expect(node.codaMandates[0].availableActions.length).toBeGreaterThan(0);
      expect(node.sodaMandates.map((s: any) => s.state)).toEqual(['NOT_SIGNED', 'NOT_SIGNED']);
      expect(node.caroOrders).toHaveLength(1);
      expect(node.mandateSummary.soda).toEqual([{ state: 'NOT_SIGNED', count: 2 }]);
      expect(node.mandateSummary.caro).toEqual([{ state: 'INVITATION_SENT', count: 1 }]);
    }
    return sys.services.mandates.sqlCounter.countFor(requestId);
  }

  it('costs the mandates service the same number of statements for 10 and for 100 clients', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    process.stderr.write(
      `mandates SQL statements per page of clients with their mandates: 10 → ${ten}, 100 → ${hundred}\n`,
    );
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(15);
  });
});
