import { randomUUID } from 'node:crypto';
import { pdfTextLines } from '@fidu/mandates/testing';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import {
  act,
  encode,
  order,
  setUpCompany,
  type CompanySetup,
} from '../titres-services-payment/titres-fixtures';
import { currentPeriod, firstOfNextMonth } from '../../support/business-calendar';

const MONTHLY_INVOICES_JOB = 'titres-services.monthly-invoices';
const INVOICE = `query($id: ID!) { invoice(id: $id) { id number period periodStart periodEnd status paymentMethod paymentState
  subtotalCents vatRatePercent vatCents totalCents dueOn
  lines { kind description quantity unitCents amountCents occurredOn }
  pdf { url fileName contentType expiresAt } } }`;

describe('titres-services: one invoice with its details and PDF', () => {
  let sys: TestSystem;
  let office: string;
  let c: CompanySetup;
  let invoiceId: string;
  const period = currentPeriod();

  beforeAll(async () => {
    sys = await startSystem();
    office = await sys.token(newOffice());
    c = await setUpCompany(sys, office);
    // A remise of 2 vouchers: the company's invoice carries a 2 × 0.05 € handling fee.
    await order(sys, c.userToken, 2);
    const paid = await encode(sys, c, 2);
    await act(sys, c.userToken, 'confirmPrestation', { prestationId: paid.id });
    await act(sys, c.companyToken, 'validatePrestation', { prestationId: paid.id });
    const remise = await sys.gql(
      c.companyToken,
      `mutation($input: RequestReimbursementInput!) { requestReimbursement(input: $input) { reimbursementRequest { id } } }`,
      { input: { companyId: c.companyId, prestationIds: [paid.id] } },
    );
    expect(remise.errors).toBeUndefined();
    const run = await sys.services['titres-services'].scheduler.trigger(
      MONTHLY_INVOICES_JOB,
      firstOfNextMonth(new Date()),
    );
    expect(run).toMatchObject({ status: 'ran' });
    const list = await sys.gql(c.companyToken, `{ companyInvoices { edges { node { id } } } }`);
    expect(list.data.companyInvoices.edges).toHaveLength(1);
    invoiceId = list.data.companyInvoices.edges[0].node.id;
  });
  afterAll(() => sys?.stop());

  it('opens an invoice by id with its lines, period, totals, VAT and payment state, for the company and its office', async () => {
    const res = await sys.gql(c.companyToken, INVOICE, { id: invoiceId });
    expect(res.errors).toBeUndefined();
    const lastDay = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0));
    expect(res.data.invoice).toMatchObject({
      id: invoiceId,
      number: expect.stringMatching(new RegExp(`^${period}-\\d{6}$`)),
      period,
      periodStart: `${period}-01`,
      periodEnd: lastDay.toISOString().slice(0, 10),
      status: 'ISSUED',
      paymentMethod: 'TRANSFER',
      paymentState: 'DUE',
      subtotalCents: 10,
      vatRatePercent: 21,
      vatCents: 2,
      totalCents: 12,
      lines: [expect.objectContaining({ kind: 'REMISE_FEE', quantity: 2, unitCents: 5, amountCents: 10 })],
      pdf: { contentType: 'application/pdf', fileName: `facture-${res.data.invoice.number}.pdf` },
    });
    const byOffice = await sys.gql(office, INVOICE, { id: invoiceId });
    expect(byOffice.errors).toBeUndefined();
    expect(byOffice.data.invoice.number).toBe(res.data.invoice.number);
  });

  it('downloads the invoice PDF through the gateway with a signed link', async () => {
    const res = await sys.gql(c.companyToken, INVOICE, { id: invoiceId });
    const { url } = res.data.invoice.pdf as { url: string };
    expect(url.startsWith(`${new URL(sys.gatewayUrl).origin}/files/titres-services/invoices/`)).toBe(true);
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await file.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfTextLines(pdf);
    expect(text).toContain(`Facture ${res.data.invoice.number}`);
    expect(text).toContain('Total TVAC : 0,12 EUR');
    // A tampered link (another invoice's id, or a changed signature) is refused.
    const forged = url.replace(invoiceId, randomUUID());
    expect((await fetch(forged)).status).toBe(403);
    expect((await fetch(url.slice(0, -3) + 'AAA')).status).toBe(403);
  });

  it('refuses another company and another office with a not-found error that reveals nothing', async () => {
    const otherCompany = await setUpCompany(sys, office);
    const otherOffice = await sys.token(newOffice());
    const unknown = randomUUID();
    for (const [token, id] of [
      [otherCompany.companyToken, invoiceId],
      [otherOffice, invoiceId],
      [c.companyToken, unknown],
      [c.companyToken, 'not-an-id'],
    ] as const) {
      const res = await sys.gql(token, INVOICE, { id });
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['TS_INVOICE_NOT_FOUND', 'No such invoice among yours.'],
      ]);
    }
    expect((await sys.gql(c.userToken, INVOICE, { id: invoiceId })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('lists invoices with their new fields at a cost that does not grow with the number of invoices', async () => {
    const ds = sys.services['titres-services'].dataSource;
    const seed = async (companyId: string, n: number) => {
      const [company] = (await ds.query(
        `SELECT office_id AS "officeId" FROM approved_company WHERE id = $1`,
        [companyId],
      )) as { officeId: string }[];
      for (let i = 0; i < n; i++) {
        const id = randomUUID();
        const month = `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
        await ds.query(
          `INSERT INTO invoice (id, office_id, company_id, number, period, state, payment_method, subtotal_cents, vat_cents,
             total_cents, issued_at, due_on)
           VALUES ($1, $2, $3, $4, $5, 'ISSUED', 'TRANSFER', 100, 21, 121, now(), '2030-01-01')`,
          [id, company!.officeId, companyId, `T-${id}`, month],
        );
        await ds.query(
          `INSERT INTO billing_line (id, office_id, company_id, kind, description, quantity, unit_cents, amount_cents,
             occurred_on, source_ref, invoice_id)
           VALUES ($1, $2, $3, 'REMISE_FEE', 'fee', 1, 100, 100, $4, $5, $6)`,
          [randomUUID(), company!.officeId, companyId, `${month}-01`, `test:${id}`, id],
        );
      }
    };
    const few = await setUpCompany(sys, office);
    const many = await setUpCompany(sys, office);
    await seed(few.companyId, 10);
    await seed(many.companyId, 100);
    const LIST = `{ companyInvoices(first: 100) { edges { node { id number periodStart periodEnd paymentState
      vatRatePercent totalCents lines { kind amountCents } pdf { url expiresAt } } } pageInfo { hasNextPage } } }`;
    const small = randomUUID();
    const large = randomUUID();
    const a = await sys.gql(few.companyToken, LIST, {}, small);
    const b = await sys.gql(many.companyToken, LIST, {}, large);
    expect(a.data.companyInvoices.edges).toHaveLength(10);
    expect(b.data.companyInvoices.edges).toHaveLength(100);
    expect(b.data.companyInvoices.pageInfo.hasNextPage).toBe(false);
    expect(b.data.companyInvoices.edges[99].node.lines).toEqual([{ kind: 'REMISE_FEE', amountCents: 100 }]);
    expect(sys.sqlStatements(large)).toBe(sys.sqlStatements(small));
  });
});
