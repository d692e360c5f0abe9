import { randomUUID } from 'node:crypto';
import { encodeEvent, SodaMandateState, SodaMandateStateChangedSchema } from '@fidu/proto-events';
import { eventually } from '../../support/probe';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import {
  act,
  encode,
  nodesOf,
  order,
  setUpCompany,
  type CompanySetup,
} from '../titres-services-payment/titres-fixtures';
import { currentPeriod, firstOfNextMonth } from '../../support/business-calendar';

const MONTHLY_INVOICES_JOB = 'titres-services.monthly-invoices';
const INVOICE_FIELDS = `number period status paymentMethod subtotalCents vatCents totalCents dueOn lines { kind description quantity unitCents amountCents }`;
const DASHBOARD = `query($id: ID) { titresServicesDashboard(companyId: $id) {
  companyId prestationsByState { state exportStatusCode count } prestationsAwaitingCompany vouchersLeftToRequest
  latestPrestations { id state } reimbursementRequestCount latestReimbursementRequests { voucherCount }
  pickupCount latestPickups { pickupOn envelopeCount state } } }`;
const PICKUP = `mutation($input: RequestPaperVoucherPickupInput!) { requestPaperVoucherPickup(input: $input) { pickup { id pickupOn state } } }`;
const DIRECT_DEBIT = `mutation($input: RequestDirectDebitInput!) { requestDirectDebit(input: $input) { directDebitRequest { id iban accountHolder state } } }`;

function daysAhead(n: number): Date {
  return new Date(Date.now() + n * 86_400_000);
}

describe('titres-services: dashboard, billing tab and platform billing', () => {
  let sys: TestSystem;
  let officeId: string;
  let office: string;
  let c: CompanySetup;

  beforeAll(async () => {
    sys = await startSystem();
    const principal = newOffice();
    officeId = principal.officeId;
    office = await sys.token(principal);
    c = await setUpCompany(sys, office);
  });
  afterAll(() => sys?.stop());

  it('shows prestations by state, remises and pickups on the dashboard', async () => {
    await order(sys, c.userToken, 2);
    const paid = await encode(sys, c, 5);
    await act(sys, c.userToken, 'confirmPrestation', { prestationId: paid.id });
    await act(sys, c.companyToken, 'validatePrestation', { prestationId: paid.id });
    const waiting = await encode(sys, c, 1);
    await act(sys, c.userToken, 'contestPrestation', { prestationId: waiting.id, reason: 'wrong day' });
    await encode(sys, c, 1);
    await sys.gql(
      c.companyToken,
      `mutation($input: RequestReimbursementInput!) { requestReimbursement(input: $input) { reimbursementRequest { id } } }`,
      {
        input: { companyId: c.companyId, prestationIds: [paid.id] },
      },
    );
    // A Saturday is refused; the next business days are accepted.
    const saturday = [...Array(14).keys()].map((i) => daysAhead(i + 2)).find((d) => d.getUTCDay() === 6)!;
    const refused = await sys.gql(c.companyToken, PICKUP, {
      input: {
        companyId: c.companyId,
        pickupOn: saturday.toISOString().slice(0, 10),
        envelopeCount: 2,
        voucherCount: 40,
      },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('TS_PICKUP_DATE_INVALID');
    let pickedUp: string | null = null;
    for (let i = 3; i < 20 && !pickedUp; i++) {
      const res = await sys.gql(c.companyToken, PICKUP, {
        input: {
          companyId: c.companyId,
          pickupOn: daysAhead(i).toISOString().slice(0, 10),
          envelopeCount: 2,
          voucherCount: 40,
        },
      });
      if (!res.errors) pickedUp = res.data.requestPaperVoucherPickup.pickup.pickupOn;
    }
    expect(pickedUp).not.toBeNull();

    const dash = await sys.gql(c.companyToken, DASHBOARD, {});
    expect(dash.errors).toBeUndefined();
    expect(dash.data.titresServicesDashboard).toMatchObject({
      companyId: c.companyId,
      prestationsByState: [
        { state: 'ENCODED', exportStatusCode: 1, count: 1 },
        { state: 'CONTESTED', exportStatusCode: 4, count: 1 },
        { state: 'PARTIALLY_REIMBURSED', exportStatusCode: 17, count: 1 },
      ],
      prestationsAwaitingCompany: 2,
      vouchersLeftToRequest: 0,
      reimbursementRequestCount: 1,
      latestReimbursementRequests: [{ voucherCount: 2 }],
      pickupCount: 1,
      latestPickups: [{ pickupOn: pickedUp, envelopeCount: 2, state: 'REQUESTED' }],
    });
    expect(dash.data.titresServicesDashboard.latestPrestations).toHaveLength(3);
    // The office sees the same dashboard for its company; another company does not.
    expect(
      (await sys.gql(office, DASHBOARD, { id: c.companyId })).data.titresServicesDashboard
        .reimbursementRequestCount,
    ).toBe(1);
    const other = await setUpCompany(sys, office);
    expect(
      (await sys.gql(other.companyToken, DASHBOARD, { id: c.companyId })).errors?.[0]?.extensions?.code,
    ).toBe('TS_COMPANY_NOT_FOUND');
    expect((await sys.gql(c.userToken, DASHBOARD, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('edits the financial contact, validated', async () => {
    const bad = await sys.gql(
      c.companyToken,
      `mutation($input: UpdateFinancialContactInput!) { updateFinancialContact(input: $input) { approvedCompany { id } } }`,
      { input: { companyId: c.companyId, name: '', email: 'nope', phone: '12' } },
    );
    expect(bad.errors?.[0]?.extensions?.problems.map((p: { code: string }) => p.code)).toEqual([
      'TS_CONTACT_NAME_INVALID',
      'TS_CONTACT_EMAIL_INVALID',
      'TS_CONTACT_PHONE_INVALID',
    ]);
    const ok = await sys.gql(
      c.companyToken,
      `mutation($input: UpdateFinancialContactInput!) { updateFinancialContact(input: $input) { approvedCompany { financialContact { name email phone } version } } }`,
      {
        input: {
          companyId: c.companyId,
          name: ' Luc  Janssens ',
          email: 'Finance@Propre.be',
          phone: '0470 12 34 56',
        },
      },
    );
    expect(ok.data.updateFinancialContact.approvedCompany).toEqual({
      financialContact: { name: 'Luc Janssens', email: 'finance@propre.be', phone: '+32470123456' },
      version: 2,
    });
  });

  it('requests a direct debit with a checked IBAN and follows its state', async () => {
    const bad = await sys.gql(c.companyToken, DIRECT_DEBIT, {
      input: { companyId: c.companyId, iban: 'BE68 5390 0754 7035', accountHolder: 'Titres Propres SRL' },
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'TS_IBAN_INVALID', field: 'iban' });
    const req = await sys.gql(c.companyToken, DIRECT_DEBIT, {
      input: { companyId: c.companyId, iban: 'be68539007547034', accountHolder: 'Titres Propres SRL' },
    });
    expect(req.data.requestDirectDebit.directDebitRequest).toMatchObject({
      iban: 'BE68 5390 0754 7034',
      state: 'REQUESTED',
    });
    const id = req.data.requestDirectDebit.directDebitRequest.id;
    const twice = await sys.gql(c.companyToken, DIRECT_DEBIT, {
      input: { companyId: c.companyId, iban: 'BE71 0961 2345 6769', accountHolder: 'Titres Propres SRL' },
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('TS_DIRECT_DEBIT_ALREADY_OPEN');

    const DECIDE = `mutation($input: DecideDirectDebitRequestInput!) { decideDirectDebitRequest(input: $input) { directDebitRequest { state reason } } }`;
    expect(
      (await sys.gql(c.companyToken, DECIDE, { input: { requestId: id, decision: 'ACCEPT' } })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    const operator = await sys.token({ kind: 'operator', userId: 'ops-1' });
    const accepted = await sys.gql(operator, DECIDE, { input: { requestId: id, decision: 'ACCEPT' } });
    expect(accepted.data.decideDirectDebitRequest.directDebitRequest).toEqual({
      state: 'ACTIVE',
      reason: null,
    });
    const illegal = await sys.gql(operator, DECIDE, {
      input: { requestId: id, decision: 'REJECT', reason: 'late' },
    });
    expect(illegal.errors?.[0]?.extensions?.code).toBe('TS_DIRECT_DEBIT_ILLEGAL_TRANSITION');
    const list = await sys.gql(
      office,
      `query($id: ID) { directDebitRequests(companyId: $id) { edges { node { id state iban } } } }`,
      { id: c.companyId },
    );
    expect(nodesOf(list.data.directDebitRequests)).toEqual([
      { id, state: 'ACTIVE', iban: 'BE68 5390 0754 7034' },
    ]);
    const cancelled = await sys.gql(
      c.companyToken,
      `mutation($input: CancelDirectDebitRequestInput!) { cancelDirectDebitRequest(input: $input) { directDebitRequest { state } } }`,
      { input: { requestId: id } },
    );
    expect(cancelled.data.cancelDirectDebitRequest.directDebitRequest.state).toBe('CANCELLED');
    // Once cancelled, a new request is possible; accepted, it pays the company's next invoice.
    const renewed = await sys.gql(c.companyToken, DIRECT_DEBIT, {
      input: { companyId: c.companyId, iban: 'BE71 0961 2345 6769', accountHolder: 'Titres Propres SRL' },
    });
    expect(renewed.errors).toBeUndefined();
    const renewedId = renewed.data.requestDirectDebit.directDebitRequest.id;
    const active = await sys.gql(operator, DECIDE, { input: { requestId: renewedId, decision: 'ACCEPT' } });
    expect(active.data.decideDirectDebitRequest.directDebitRequest.state).toBe('ACTIVE');
  });

  it('bills the company its remise fees and the office its SODA fees, once, in a monthly invoice', async () => {
    const bus = sys.services['titres-services'].bus;
    const mandateId = randomUUID();
    const activated = encodeEvent(
      SodaMandateStateChangedSchema,
      {
        sodaMandateId: mandateId,
        officeId,
        clientId: randomUUID(),
        socialSecretariatId: randomUUID(),
        oldState: SodaMandateState.CONFIRMED,
        newState: SodaMandateState.ACTIVE,
        reason: 'first payroll file delivered',
        actor: 'partner:SOCIAL_SECRETARIAT:x',
      },
      { source: 'mandates', tenant: officeId, subject: mandateId },
    );
    // Delivered twice (a redelivery): charged once.
    await bus.publish([activated]);
    await bus.publish([activated]);
    const ds = sys.services['titres-services'].dataSource;
    await eventually('the SODA activation is billed', async () => {
      const rows = (await ds.query(`SELECT count(*)::int AS n FROM billing_line WHERE source_ref = $1`, [
        `soda-first-file:${mandateId}`,
      ])) as {
        n: number;
      }[];
      return rows[0]!.n === 1;
    });

    const scheduler = sys.services['titres-services'].scheduler;
    const runAt = firstOfNextMonth(new Date());
    const period = currentPeriod();
    expect(await scheduler.trigger(MONTHLY_INVOICES_JOB, runAt)).toMatchObject({ status: 'ran' });
    expect(await scheduler.trigger(MONTHLY_INVOICES_JOB, runAt)).toMatchObject({ status: 'already-ran' });

    const officeInvoices = await sys.gql(
      office,
      `{ officeInvoices { edges { node { ${INVOICE_FIELDS} } } } }`,
    );
    expect(officeInvoices.errors).toBeUndefined();
    expect(officeInvoices.data.officeInvoices.edges).toHaveLength(1);
    const inv = officeInvoices.data.officeInvoices.edges[0].node;
    expect(inv).toMatchObject({
      period,
      status: 'ISSUED',
      paymentMethod: 'TRANSFER',
      subtotalCents: 4000,
      vatCents: 840,
      totalCents: 4840,
    });
    expect(
      inv.lines.map((l: { kind: string; amountCents: number }) => [l.kind, l.amountCents]).sort(),
    ).toEqual([
      ['SODA_FIRST_FILE', 2500],
      ['SODA_MONTHLY_FEE', 1500],
    ]);

    const companyInvoices = await sys.gql(
      c.companyToken,
      `{ companyInvoices { edges { node { ${INVOICE_FIELDS} } } } }`,
    );
    expect(nodesOf(companyInvoices.data.companyInvoices)).toEqual([
      expect.objectContaining({
        period,
        paymentMethod: 'DIRECT_DEBIT',
        subtotalCents: 10,
        vatCents: 2,
        totalCents: 12,
        lines: [expect.objectContaining({ kind: 'REMISE_FEE', quantity: 2, unitCents: 5, amountCents: 10 })],
      }),
    ]);
    // Another office sees no invoice of this one; a company cannot read office invoices.
    expect(
      (await sys.gql(await sys.token(newOffice()), `{ officeInvoices { edges { node { number } } } }`)).data
        .officeInvoices.edges,
    ).toEqual([]);
    expect(
      (await sys.gql(c.companyToken, `{ officeInvoices { edges { node { number } } } }`)).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');

    // The next month bills the monthly fee again (the mandate is still active) but not the one-time charge.
    const later = firstOfNextMonth(runAt);
    expect(await scheduler.trigger(MONTHLY_INVOICES_JOB, later)).toMatchObject({ status: 'ran' });
    const both = await sys.gql(
      office,
      `{ officeInvoices(first: 1) { edges { node { period lines { kind } } } } }`,
    );
    expect(both.data.officeInvoices.edges[0].node.lines).toEqual([{ kind: 'SODA_MONTHLY_FEE' }]);
  });

  it('lists prestations with their people, company and history at a cost that does not grow with the page', async () => {
    const u = await setUpCompany(sys, office);
    for (let i = 0; i < 12; i++) await encode(sys, u, 1);
    const LIST = `query($n: Int) { prestations(first: $n) { edges { cursor node { id worker { lastName }
      voucherUser { lastName } company { approvalNumber } history { action } } } pageInfo { hasNextPage endCursor } } }`;
    const small = randomUUID();
    const large = randomUUID();
    const a = await sys.gql(u.companyToken, LIST, { n: 3 }, small);
    const b = await sys.gql(u.companyToken, LIST, { n: 12 }, large);
    expect(a.data.prestations.edges).toHaveLength(3);
    expect(a.data.prestations.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: a.data.prestations.edges[2].cursor,
    });
    expect(b.data.prestations.edges).toHaveLength(12);
    expect(b.data.prestations.edges[11].node.history).toEqual([{ action: 'ENCODE' }]);
    expect(sys.sqlStatements(large)).toBe(sys.sqlStatements(small));
    const next = await sys.gql(
      u.companyToken,
      `query($c: String) { prestations(first: 10, after: $c) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      {
        c: a.data.prestations.pageInfo.endCursor,
      },
    );
    expect(nodesOf(next.data.prestations).map((i: { id: string }) => i.id)).toEqual(
      nodesOf(b.data.prestations)
        .slice(3, 12)
        .map((i: { id: string }) => i.id),
    );
    expect(next.data.prestations.pageInfo.hasNextPage).toBe(false);
  });
});
