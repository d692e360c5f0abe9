import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { forbidden, requireOffice, unauthenticated } from '@fidu/service-kit';
import type { TitresServicesContext } from '../context';
import { PRESTATION_COLUMNS, type PrestationRow } from '../db/prestation.rows';
import { isBelgianBusinessDay } from '../domain/belgian-business-days';
import { formatIban } from '../domain/iban';
import { AWAITING_COMPANY_STATES, EXPORT_STATUS, type PrestationState } from '../domain/prestation-states';
import { actorOf, companySideScope } from '../domain/titres-access';
import {
  changeDirectDebit,
  directDebitRequestsOf,
  requestDirectDebit,
  requestPaperVoucherPickup,
  updateFinancialContact,
  type DirectDebitRow,
} from '../use-cases/company-services';
import {
  createPrestationExport,
  prestationExportText,
  type PrestationExportInput,
  type ExportGrant,
} from '../use-cases/export-prestations';
import {
  INVOICE_COLUMNS,
  invoiceInScope,
  invoicePdfLink,
  paymentStateOf,
  periodBounds,
  type InvoiceRow,
} from '../use-cases/invoice-details';
import { requestReimbursement } from '../use-cases/request-reimbursement';
import { VAT_RATE_PERCENT } from '../domain/billing-rules';
import { wallClockOf } from '@fidu/service-kit';
import { companyOf } from './company-of';
import type { InvoiceLineRow } from './titres.loaders';

const iso = (d: Date) => d.toISOString();

const REMISE_COLUMNS = `id, state, voucher_count AS "voucherCount", amount_cents::int AS "amountCents", created_at AS "createdAt"`;
const PICKUP_COLUMNS = `id, to_char(pickup_on, 'YYYY-MM-DD') AS "pickupOn", envelope_count AS "envelopeCount", voucher_count AS "voucherCount",
  state, created_at AS "createdAt"`;
async function remisesOf(ctx: TitresServicesContext, companyId: string, limit = 100) {
  return ctx.dataSource.query(
    `SELECT ${REMISE_COLUMNS} FROM reimbursement_request WHERE company_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [companyId, limit],
  ) as Promise<{ createdAt: Date }[]>;
}

async function pickupsOf(ctx: TitresServicesContext, companyId: string, limit = 100) {
  return ctx.dataSource.query(
    `SELECT ${PICKUP_COLUMNS} FROM paper_voucher_pickup WHERE company_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [companyId, limit],
  ) as Promise<{ createdAt: Date }[]>;
}

/** Dashboard, remises, pickups, billing tab (invoices, financial contact, direct debit) and the export. */
export const companyServicesResolvers: GraphQLResolverMap<TitresServicesContext> = {
  Query: {
    titresServicesDashboard: async (
      _: unknown,
      args: { companyId?: string | null },
      ctx: TitresServicesContext,
    ) => {
      const companyId = await companyOf(ctx, args.companyId);
      const [counts, latest, [remises], latestRemises, [pickups], latestPickups] = await Promise.all([
        ctx.dataSource.query(
          `SELECT state, count(*)::int AS count, sum(vouchers_attributed - vouchers_reimbursement_requested)::int AS "leftToRequest"
           FROM prestation WHERE company_id = $1 GROUP BY state`,
          [companyId],
        ) as Promise<{ state: PrestationState; count: number; leftToRequest: number }[]>,
        ctx.dataSource.query(
          `SELECT ${PRESTATION_COLUMNS} FROM prestation p WHERE p.company_id = $1 ORDER BY p.updated_at DESC, p.id LIMIT 5`,
          [companyId],
        ) as Promise<PrestationRow[]>,
        ctx.dataSource.query(`SELECT count(*)::int AS n FROM reimbursement_request WHERE company_id = $1`, [
          companyId,
        ]) as Promise<{ n: number }[]>,
        remisesOf(ctx, companyId, 5),
        ctx.dataSource.query(`SELECT count(*)::int AS n FROM paper_voucher_pickup WHERE company_id = $1`, [
          companyId,
        ]) as Promise<{ n: number }[]>,
        pickupsOf(ctx, companyId, 5),
      ]);
      const byState = counts
        .map((c) => ({ state: c.state, exportStatusCode: EXPORT_STATUS[c.state].code, count: c.count }))
        .sort((a, b) => a.exportStatusCode - b.exportStatusCode);
      return {
        companyId,
        prestationsByState: byState,
        prestationsAwaitingCompany: counts
          .filter((c) => AWAITING_COMPANY_STATES.includes(c.state))
          .reduce((n, c) => n + c.count, 0),
        vouchersLeftToRequest: counts.reduce((n, c) => n + c.leftToRequest, 0),
        latestPrestations: latest,
        reimbursementRequestCount: remises!.n,
        latestReimbursementRequests: latestRemises,
        pickupCount: pickups!.n,
        latestPickups,
      };
    },
    reimbursementRequests: async (
      _: unknown,
      args: { companyId?: string | null },
      ctx: TitresServicesContext,
    ) => remisesOf(ctx, await companyOf(ctx, args.companyId)),
    paperVoucherPickups: async (
      _: unknown,
      args: { companyId?: string | null },
      ctx: TitresServicesContext,
    ) => pickupsOf(ctx, await companyOf(ctx, args.companyId)),
    companyInvoices: async (_: unknown, args: { companyId?: string | null }, ctx: TitresServicesContext) =>
      ctx.dataSource.query(
        `SELECT ${INVOICE_COLUMNS} FROM invoice i WHERE i.company_id = $1 ORDER BY i.issued_at DESC, i.number DESC`,
        [await companyOf(ctx, args.companyId)],
      ),
    officeInvoices: async (_: unknown, _args: unknown, ctx: TitresServicesContext) =>
      ctx.dataSource.query(
        `SELECT ${INVOICE_COLUMNS} FROM invoice i WHERE i.office_id = $1 AND i.company_id IS NULL ORDER BY i.issued_at DESC, i.number DESC`,
        [requireOffice(ctx.principal).officeId],
      ),
    invoice: (_: unknown, args: { id: string }, ctx: TitresServicesContext) =>
      invoiceInScope(ctx.dataSource, companySideScope(ctx.principal), args.id),
    directDebitRequests: async (
      _: unknown,
      args: { companyId?: string | null },
      ctx: TitresServicesContext,
    ) => directDebitRequestsOf(ctx.dataSource, await companyOf(ctx, args.companyId)),
  },
  Mutation: {
    requestReimbursement: async (
      _: unknown,
      { input }: { input: { companyId: string; prestationIds: string[] } },
      ctx: TitresServicesContext,
    ) => {
      const { request, prestations } = await requestReimbursement(
        ctx.dataSource,
        companySideScope(ctx.principal),
        input,
        actorOf(ctx.principal),
        new Date(),
        ctx.requestId,
      );
      return { reimbursementRequest: request, prestations };
    },
    requestPaperVoucherPickup: async (
      _: unknown,
      {
        input,
      }: { input: { companyId: string; pickupOn: string; envelopeCount: number; voucherCount: number } },
      ctx: TitresServicesContext,
    ) => ({
      pickup: await requestPaperVoucherPickup(
        ctx.dataSource,
        companySideScope(ctx.principal),
        input,
        isBelgianBusinessDay,
      ),
    }),
    updateFinancialContact: async (
      _: unknown,
      { input }: { input: { companyId: string; name: string; email: string; phone?: string | null } },
      ctx: TitresServicesContext,
    ) => {
      const company = await updateFinancialContact(ctx.dataSource, companySideScope(ctx.principal), input);
      ctx.loaders.approvedCompanyById.clear(company.id).prime(company.id, company);
      return { approvedCompany: company };
    },
    requestDirectDebit: async (
      _: unknown,
      { input }: { input: { companyId: string; iban: string; accountHolder: string } },
      ctx: TitresServicesContext,
    ) => ({
      directDebitRequest: await requestDirectDebit(ctx.dataSource, companySideScope(ctx.principal), input),
    }),
    cancelDirectDebitRequest: async (
      _: unknown,
      { input }: { input: { requestId: string } },
      ctx: TitresServicesContext,
    ) => ({
      directDebitRequest: await changeDirectDebit(ctx.dataSource, companySideScope(ctx.principal), {
        ...input,
        action: 'CANCEL',
      }),
    }),
    decideDirectDebitRequest: async (
      _: unknown,
      { input }: { input: { requestId: string; decision: 'ACCEPT' | 'REJECT'; reason?: string | null } },
      ctx: TitresServicesContext,
    ) => {
      if (ctx.principal.kind === 'anonymous') throw unauthenticated();
      if (ctx.principal.kind !== 'operator')
        throw forbidden('Only a platform operator records the bank’s answer.');
      return {
        directDebitRequest: await changeDirectDebit(ctx.dataSource, null, {
          requestId: input.requestId,
          action: input.decision,
          reason: input.reason,
        }),
      };
    },
    exportPrestations: async (
      _: unknown,
      { input }: { input: PrestationExportInput },
      ctx: TitresServicesContext,
    ) => {
      const link = await createPrestationExport(
        ctx.dataSource,
        companySideScope(ctx.principal),
        input,
        ctx.settings.gatewaySigningSecret,
      );
      return { downloadPath: link.downloadPath, expiresAt: iso(link.expiresAt), grant: link.grant };
    },
  },
  ExportPrestationsPayload: {
    // Computed only when asked for: a front-end that downloads the file does not pay for it twice.
    content: (p: { grant: ExportGrant }, _args: unknown, ctx: TitresServicesContext) =>
      prestationExportText(ctx.dataSource, p.grant),
  },
  ReimbursementRequest: {
    lines: (r: { id: string }, _args: unknown, ctx: TitresServicesContext) =>
      ctx.titres.remiseLinesByRequestId.load(r.id),
    createdAt: (r: { createdAt: Date }) => iso(r.createdAt),
  },
  PaperVoucherPickup: {
    createdAt: (r: { createdAt: Date }) => iso(r.createdAt),
  },
  Invoice: {
    issuedAt: (i: { issuedAt: Date }) => iso(i.issuedAt),
    periodStart: (i: InvoiceRow) => periodBounds(i.period).start,
    periodEnd: (i: InvoiceRow) => periodBounds(i.period).end,
    vatRatePercent: () => VAT_RATE_PERCENT,
    paymentState: (i: InvoiceRow) => paymentStateOf(i.dueOn, wallClockOf(new Date()).date),
    // Signed here, without a query: listing many invoices with their links costs no extra SQL.
    pdf: (i: InvoiceRow, _args: unknown, ctx: TitresServicesContext) => {
      const link = invoicePdfLink(i, ctx.settings.publicUrl, ctx.settings.gatewaySigningSecret);
      return { ...link, contentType: 'application/pdf', expiresAt: iso(link.expiresAt) };
    },
    lines: (i: { id: string }, _args: unknown, ctx: TitresServicesContext) =>
      ctx.titres.invoiceLinesByInvoiceId.load(i.id),
  },
  InvoiceLine: {
    unitCents: (l: InvoiceLineRow) => Number(l.unitCents),
    amountCents: (l: InvoiceLineRow) => Number(l.amountCents),
  },
  DirectDebitRequest: {
    iban: (d: DirectDebitRow) => formatIban(d.iban),
    createdAt: (d: DirectDebitRow) => iso(d.createdAt),
    updatedAt: (d: DirectDebitRow) => iso(d.updatedAt),
  },
};
