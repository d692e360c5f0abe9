import { serviceCodegenConfig } from '../codegen.base';

/** Resolver types from schema.graphql (see ../codegen.base.ts); run by `npm run build`. */
export default serviceCodegenConfig({
  serviceDir: __dirname,
  contextType: '../../context#TitresServicesContext',
  mappers: {
    Client: '../../read-models/approved-company.read-model#ClientRef',
    ApprovedCompany: '../../db/approved-company.entity#ApprovedCompanyEntity',
    ApprovedCompanyWorker: '../../db/worker.entity#WorkerEntity',
    Prestation: '../../db/prestation.mapping#PrestationRow',
    PrestationHistoryEntry: '../../read-models/prestation-details.read-model#HistoryRow',
    VoucherUser: '../../use-cases/register-voucher-user#VoucherUserRow',
    VoucherWallet: '../../read-models/wallet.read-model#WalletView',
    VoucherOrder: '../../read-models/wallet.read-model#VoucherOrderView',
    ReimbursementRequest: '../../read-models/reimbursement-request.read-model#ReimbursementRequestView',
    PaperVoucherPickup: '../../read-models/pickup.read-model#PickupView',
    TitresServicesDashboard: '../../read-models/company-dashboard.read-model#CompanyDashboard',
    Invoice: '../../read-models/invoice.read-model#InvoiceRow',
    InvoiceLine: '../../read-models/invoice.read-model#InvoiceLineRow',
    DirectDebitRequest: '../../read-models/direct-debit.read-model#DirectDebitRow',
    ExportPrestationsPayload: '../../domain/prestation-export#PrestationExportLink',
  },
});
