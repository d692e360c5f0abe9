import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { requireOffice, wallClockOf } from '@fidu/service-kit';
import { companyOf } from '../access/approved-company.access';
import { actorOf, companySideScope, requireOperator } from '../access/titres.access';
import type { TitresServicesContext } from '../context';
import { isBelgianBusinessDay } from '../domain/belgian-business-days';
import { paymentStateOf, periodBounds, VAT_RATE_PERCENT } from '../domain/billing-rules';
import { formatIban } from '../domain/iban';
import { invoicePdfLink } from '../domain/invoice-pdf-link';
import type { PrestationExportFilter } from '../domain/prestation-export';
import { companyDashboard } from '../read-models/company-dashboard.read-model';
import { directDebitRequestPage, type DirectDebitRow } from '../read-models/direct-debit.read-model';
import {
  invoiceInScope,
  invoicePage,
  type InvoiceLineRow,
  type InvoiceRow,
} from '../read-models/invoice.read-model';
import { pickupPage } from '../read-models/pickup.read-model';
import { reimbursementRequestPage } from '../read-models/reimbursement-request.read-model';
import {
  changeDirectDebit,
  requestDirectDebit,
  requestPaperVoucherPickup,
  updateFinancialContact,
} from '../use-cases/company-services';
import {
  createPrestationExport,
  prestationExportText,
  type PrestationExportInput,
} from '../use-cases/export-prestations';
import { requestReimbursement } from '../use-cases/request-reimbursement';

const iso = (d: Date) => d.toISOString();

type Paging = { companyId?: string | null; first?: number | null; after?: string | null };

/** The company a company-side query is about, checked against the caller's scope. */
const companyIn = (ctx: TitresServicesContext, companyId: string | null | undefined) =>
  companyOf(ctx.principal, companyId, ctx.loaders.approvedCompanyById);

/** Dashboard, remises, pickups, billing tab (invoices, financial contact, direct debit) and the export. */
export const companyServicesResolvers: GraphQLResolverMap<TitresServicesContext> = {
  Query: {
    titresServicesDashboard: async (
      _: unknown,
      args: { companyId?: string | null },
      ctx: TitresServicesContext,
    ) => companyDashboard(ctx.dataSource, await companyIn(ctx, args.companyId)),
    reimbursementRequests: async (_: unknown, args: Paging, ctx: TitresServicesContext) =>
      reimbursementRequestPage(ctx.dataSource, await companyIn(ctx, args.companyId), args),
    paperVoucherPickups: async (_: unknown, args: Paging, ctx: TitresServicesContext) =>
      pickupPage(ctx.dataSource, await companyIn(ctx, args.companyId), args),
    companyInvoices: async (_: unknown, args: Paging, ctx: TitresServicesContext) =>
      invoicePage(ctx.dataSource, { companyId: await companyIn(ctx, args.companyId) }, args),
    officeInvoices: (_: unknown, args: Paging, ctx: TitresServicesContext) =>
      invoicePage(ctx.dataSource, { officeId: requireOffice(ctx.principal).officeId }, args),
    invoice: (_: unknown, args: { id: string }, ctx: TitresServicesContext) =>
      invoiceInScope(ctx.dataSource, companySideScope(ctx.principal), args.id),
    directDebitRequests: async (_: unknown, args: Paging, ctx: TitresServicesContext) =>
      directDebitRequestPage(ctx.dataSource, await companyIn(ctx, args.companyId), args),
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
      requireOperator(ctx.principal);
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
      const link = await createPrestationExport(ctx.dataSource, companySideScope(ctx.principal), input, {
        publicUrl: ctx.settings.publicUrl,
        secret: ctx.settings.gatewaySigningSecret,
      });
      return { downloadUrl: link.downloadUrl, expiresAt: iso(link.expiresAt), grant: link.grant };
    },
  },
  ExportPrestationsPayload: {
    // Computed only when asked for: a front-end that downloads the file does not pay for it twice.
    content: (p: { grant: PrestationExportFilter }, _args: unknown, ctx: TitresServicesContext) =>
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
