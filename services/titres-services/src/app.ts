import {
  ClientDirectory1700000000001,
  createLogger,
  loadServiceSchema,
  parkedEventResolvers,
  scheduledJobResolvers,
  startService,
  type RunningService,
  type ServiceConfig,
} from '@fidu/service-kit';
import {
  DEFAULT_AUTO_VALIDATION_BUSINESS_DAYS,
  DEFAULT_PUBLIC_URL,
  type TitresServicesConfig,
} from './config';
import { createContext } from './context';
import { ApprovedCompanyEntity } from './db/approved-company.entity';
import { CreateApprovedCompany1732300000001 } from './db/migrations/1732300000001-create-approved-company';
import { CreateWorker1732300000002 } from './db/migrations/1732300000002-create-worker';
import { CreatePrestationsAndBilling1732300000003 } from './db/migrations/1732300000003-create-prestations-and-billing';
import { WorkerEntity } from './db/worker.entity';
import { CONSUMED_TOPICS, handleEvent, handleEventBatch } from './events/handlers';
import { approvedCompanyResolvers } from './graphql/approved-company.resolvers';
import { clientResolvers } from './graphql/client.resolvers';
import { companyServicesResolvers } from './graphql/company-services.resolvers';
import { prestationResolvers } from './graphql/prestation.resolvers';
import { INVOICE_PDF_PATH, invoicePdfRoute } from './http/invoice-pdf.route';
import { prestationExportRoute } from './http/prestation-export.route';
import { autoValidatePrestationsJob } from './jobs/auto-validate-prestations.job';
import { monthlyInvoicesJob } from './jobs/monthly-invoices.job';
import { EXPORT_PATH } from './use-cases/export-prestations';

/**
 * The titres-services subgraph: approved companies, workers, voucher users and
 * wallets, prestations with parallel validation and payment in several parts, remises, pickups,
 * the export, the dashboard and billing (company billing tab and platform billing of offices).
 */
export function createApp(config: ServiceConfig | TitresServicesConfig): Promise<RunningService> {
  const settings = {
    autoValidationBusinessDays:
      'autoValidationBusinessDays' in config
        ? config.autoValidationBusinessDays
        : DEFAULT_AUTO_VALIDATION_BUSINESS_DAYS,
    gatewaySigningSecret: config.gatewaySigningSecret,
    publicUrl: ('publicUrl' in config && config.publicUrl) || DEFAULT_PUBLIC_URL,
  };
  const log = createLogger(config.service);
  return startService({
    config,
    log,
    entities: [ApprovedCompanyEntity, WorkerEntity],
    migrations: [
      ClientDirectory1700000000001,
      CreateApprovedCompany1732300000001,
      CreateWorker1732300000002,
      CreatePrestationsAndBilling1732300000003,
    ],
    typeDefs: loadServiceSchema(__dirname),
    resolvers: [
      approvedCompanyResolvers,
      clientResolvers,
      prestationResolvers,
      companyServicesResolvers,
      parkedEventResolvers({ list: 'titresServicesParkedEvents', replay: 'replayTitresServicesParkedEvent' }),
      scheduledJobResolvers({ list: 'titresServicesJobs', run: 'runTitresServicesJob' }),
    ],
    createContext: (base, ds) => createContext(base, ds, settings),
    consumes: { topics: CONSUMED_TOPICS, handle: handleEvent, handleBatch: handleEventBatch },
    routes: (app, ds) => {
      app.get(EXPORT_PATH, prestationExportRoute(ds, settings.gatewaySigningSecret));
      app.get(INVOICE_PDF_PATH, invoicePdfRoute(ds, settings.gatewaySigningSecret, log));
    },
    jobs: [autoValidatePrestationsJob, monthlyInvoicesJob],
  });
}
