import type { Resolvers } from './generated/resolvers-types';
import { requireOffice, wallClockOf } from '@fidu/service-kit';
import { companyOf } from '../access/approved-company.access';
import { actorOf, companySideScope, requireOperator } from '../access/titres.access';
import type { TitresServicesContext } from '../context';
import { isBelgianBusinessDay } from '../domain/belgian-business-days';
import { paymentStateOf, periodBounds, VAT_RATE_PERCENT } from '../domain/billing-rules';
import { formatIban } from '../domain/iban';
import { invoicePdfLink } from '../domain/invoice-pdf-link';
import { companyDashboard } from '../read-models/company-dashboard.read-model';
import { directDebitRequestPage } from '../read-models/direct-debit.read-model';
import { invoiceInScope, invoicePage } from '../read-models/invoice.read-model';
import { pickupPage } from '../read-models/pickup.read-model';
import { reimbursementRequestPage } from '../read-models/reimbursement-request.read-model';
import { changeDirectDebit } from '../use-cases/change-direct-debit';
import { requestDirectDebit } from '../use-cases/request-direct-debit';
import { requestPaperVoucherPickup } from '../use-cases/request-paper-voucher-pickup';
import { updateFinancialContact } from '../use-cases/update-financial-contact';
import { createPrestationExport, prestationExportText } from '../use-cases/export-prestations';
import { requestReimbursement } from '../use-cases/request-reimbursement';

const iso = (d: Date) => d.toISOString();

/** The company a company-side query is about, checked against the caller's scope. */
const companyIn = (ctx: TitresServicesContext, companyId: string | null | undefined) =>
  companyOf(ctx.principal, companyId, ctx.loaders.approvedCompanyById);

/** Dashboard, remises, pickups, billing tab (invoices, financial contact, direct debit) and the export. */
export const companyServicesResolvers: Resolvers = {
  Query: {
    titresServicesDashboard: async (_, args, ctx) =>
      companyDashboard(ctx.dataSource, await companyIn(ctx, args.companyId)),
    reimbursementRequests: async (_, args, ctx) =>
      reimbursementRequestPage(ctx.dataSource, await companyIn(ctx, args.companyId), args),
    paperVoucherPickups: async (_, args, ctx) =>
      pickupPage(ctx.dataSource, await companyIn(ctx, args.companyId), args),
    companyInvoices: async (_, args, ctx) =>
      invoicePage(ctx.dataSource, { companyId: await companyIn(ctx, args.companyId) }, args),
    officeInvoices: (_, args, ctx) =>
      invoicePage(ctx.dataSource, { officeId: requireOffice(ctx.principal).officeId }, args),
    invoice: (_, args, ctx) => invoiceInScope(ctx.dataSource, companySideScope(ctx.principal), args.id),
    directDebitRequests: async (_, args, ctx) =>
      directDebitRequestPage(ctx.dataSource, await companyIn(ctx, args.companyId), args),
  },
  Mutation: {
    requestReimbursement: async (_, { input }, ctx) => {
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
    requestPaperVoucherPickup: async (_, { input }, ctx) => ({
      pickup: await requestPaperVoucherPickup(
        ctx.dataSource,
        companySideScope(ctx.principal),
        input,
        isBelgianBusinessDay,
      ),
    }),
    updateFinancialContact: async (_, { input }, ctx) => {
      const company = await updateFinancialContact(ctx.dataSource, companySideScope(ctx.principal), input);
      ctx.loaders.approvedCompanyById.clear(company.id).prime(company.id, company);
      return { approvedCompany: company };
    },
    requestDirectDebit: async (_, { input }, ctx) => ({
      directDebitRequest: await requestDirectDebit(ctx.dataSource, companySideScope(ctx.principal), input),
    }),
    cancelDirectDebitRequest: async (_, { input }, ctx) => ({
      directDebitRequest: await changeDirectDebit(ctx.dataSource, companySideScope(ctx.principal), {
        ...input,
        action: 'CANCEL',
      }),
    }),
    decideDirectDebitRequest: async (_, { input }, ctx) => {
      requireOperator(ctx.principal);
      return {
        directDebitRequest: await changeDirectDebit(ctx.dataSource, null, {
          requestId: input.requestId,
          action: input.decision,
          reason: input.reason,
        }),
      };
    },
    exportPrestations: (_, { input }, ctx) =>
      createPrestationExport(ctx.dataSource, companySideScope(ctx.principal), input, {
        publicUrl: ctx.settings.publicUrl,
        secret: ctx.settings.gatewaySigningSecret,
      }),
  },
  ExportPrestationsPayload: {
    expiresAt: (p) => iso(p.expiresAt),
    // Computed only when asked for: a front-end that downloads the file does not pay for it twice.
    content: (p, _args, ctx) => prestationExportText(ctx.dataSource, p.grant),
  },
  ReimbursementRequest: {
    lines: (r, _args, ctx) => ctx.titres.remiseLinesByRequestId.load(r.id),
    createdAt: (r) => iso(r.createdAt),
  },
  PaperVoucherPickup: {
    createdAt: (r) => iso(r.createdAt),
  },
  Invoice: {
    issuedAt: (i) => iso(i.issuedAt),
    periodStart: (i) => periodBounds(i.period).start,
    periodEnd: (i) => periodBounds(i.period).end,
    vatRatePercent: () => VAT_RATE_PERCENT,
    paymentState: (i) => paymentStateOf(i.dueOn, wallClockOf(new Date()).date),
    // Signed here, without a query: listing many invoices with their links costs no extra SQL.
    pdf: async (i, _args, ctx) => {
      const link = await invoicePdfLink(i, ctx.settings.publicUrl, ctx.settings.gatewaySigningSecret);
      return { ...link, contentType: 'application/pdf', expiresAt: iso(link.expiresAt) };
    },
    lines: (i, _args, ctx) => ctx.titres.invoiceLinesByInvoiceId.load(i.id),
  },
  InvoiceLine: {
    unitCents: (l) => Number(l.unitCents),
    amountCents: (l) => Number(l.amountCents),
  },
  DirectDebitRequest: {
    iban: (d) => formatIban(d.iban),
    createdAt: (d) => iso(d.createdAt),
    updatedAt: (d) => iso(d.updatedAt),
  },
};
