import {
  ClientDirectory1700000000001,
  createLogger,
  dailyAt,
  loadSchemaFile,
  parkedEventResolvers,
  scheduledJobResolvers,
  startService,
  type RunningService,
  type ServiceConfig,
} from '@fidu/service-kit';
import { MANDATES_TOPIC_NAMES, TOPICS } from '@fidu/proto-events';
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
import { onDomainEvent } from './events/on-domain-event';
import { approvedCompanyResolvers } from './graphql/approved-company.resolvers';
import { clientResolvers } from './graphql/client.resolvers';
import { companyServicesResolvers } from './graphql/company-services.resolvers';
import { prestationResolvers } from './graphql/prestation.resolvers';
import { invoicePdfRoute } from './http/invoice-pdf.route';
import { SCHEMA_PATH } from './schema-path';
import { AUTO_VALIDATION_JOB, autoValidatePrestations } from './use-cases/auto-validate-prestations';
import { EXPORT_PATH, prestationExportRoute } from './use-cases/export-prestations';
import { INVOICE_PDF_ROUTE } from './use-cases/invoice-details';
import {
  generateMonthlyInvoices,
  MONTHLY_INVOICES_JOB,
  monthlyInvoicesSchedule,
} from './use-cases/generate-monthly-invoices';

/**
 * The titres-services subgraph (ARCHITECTURE §4.4): approved companies, workers, voucher users and
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
    typeDefs: loadSchemaFile(SCHEMA_PATH),
    resolvers: [
      approvedCompanyResolvers,
      clientResolvers,
      prestationResolvers,
      companyServicesResolvers,
      parkedEventResolvers({ list: 'titresServicesParkedEvents', replay: 'replayTitresServicesParkedEvent' }),
      scheduledJobResolvers({ list: 'titresServicesJobs', run: 'runTitresServicesJob' }),
    ],
    createContext: (base, ds) => createContext(base, ds, settings),
    consumes: { topics: [TOPICS.clientsClient, MANDATES_TOPIC_NAMES.sodaMandate], handle: onDomainEvent },
    routes: (app, ds) => {
      app.get(EXPORT_PATH, prestationExportRoute(ds, settings.gatewaySigningSecret));
      app.get(INVOICE_PDF_ROUTE, invoicePdfRoute(ds, settings.gatewaySigningSecret, log));
    },
    jobs: [
      // Just after midnight: prestations whose period ended yesterday are validated first thing.
      {
        name: AUTO_VALIDATION_JOB,
        description: 'Validates the prestations whose period ended before the run date and nobody acted on',
        ...dailyAt('00:15'),
        run: autoValidatePrestations,
      },
      {
        name: MONTHLY_INVOICES_JOB,
        description: "Issues the month before's invoices (one per office or company) with their lines",
        ...monthlyInvoicesSchedule,
        run: generateMonthlyInvoices,
      },
    ],
  });
}
