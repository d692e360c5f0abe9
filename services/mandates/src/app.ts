import {
  ClientDirectory1700000000001,
  createLogger,
  LinkOrigin,
  loadServiceSchema,
  parkedEventResolvers,
  scheduledJobResolvers,
  startService,
  type RunningService,
  type ServiceConfig,
} from '@fidu/service-kit';
import { DEV_ESIGNATURE_SECRET, type MandatesSettings } from './config';
import { createContext, type MandatesAdapters } from './context';
import { BankEntity } from './db/bank.entity';
import { MandateSoftwareEntity } from './db/mandate-software.entity';
import { CreateReferenceData1732300000000 } from './db/migrations/1732300000000-create-reference-data';
import { SeedReferenceData1732300000001 } from './db/migrations/1732300000001-seed-reference-data';
import { CreateMandates1732300000002 } from './db/migrations/1732300000002-create-mandates';
import { CaroInvitationMessages1732300000003 } from './db/migrations/1732300000003-caro-invitation-messages';
import { SodaAffiliationSource1732300000004 } from './db/migrations/1732300000004-soda-affiliation-source';
import { SocialSecretariatEntity } from './db/social-secretariat.entity';
import { pdfMandateRenderer } from './documents/mandate-document-renderer';
import { createLocalESignatureProvider } from './adapters/esignature-provider';
import { eventHandlers } from './events/handlers';
import { mountCodaMandateDocumentRoute } from './http/coda-mandate-document.route';
import { caroResolvers } from './graphql/caro.resolvers';
import { clientResolvers } from './graphql/client.resolvers';
import { historyResolvers } from './graphql/history.resolvers';
import { codaResolvers } from './graphql/coda.resolvers';
import { operatorResolvers } from './graphql/operator.resolvers';
import { referenceDataResolvers } from './graphql/reference-data.resolvers';
import { sodaResolvers } from './graphql/soda.resolvers';
import { caroInvitationsJob } from './jobs/caro-invitations.job';
import { sodaDelayedRemindersJob } from './jobs/soda-delayed-reminders.job';

/** The mandates subgraph, its composition root: CODA, SODA and CARO from order to activation. */
export async function createApp(
  config: ServiceConfig & Partial<MandatesSettings>,
  adapters?: Partial<Pick<MandatesAdapters, 'renderer' | 'esignature'>>,
): Promise<RunningService> {
  // Tests pass only the shared settings: the development e-signature secret then applies
  // (readConfig refuses it in production).
  const renderer = adapters?.renderer ?? pdfMandateRenderer;
  const links = new LinkOrigin(config, config.publicUrl);
  const resolved: MandatesAdapters = {
    renderer,
    esignature:
      adapters?.esignature ?? createLocalESignatureProvider(config.esignatureSecret ?? DEV_ESIGNATURE_SECRET),
    documentLinks: {
      secret: config.gatewaySigningSecret,
      baseUrl: links.baseUrl,
    },
  };
  const log = createLogger(config.service);
  const service = await startService({
    config,
    log,
    entities: [BankEntity, SocialSecretariatEntity, MandateSoftwareEntity],
    migrations: [
      ClientDirectory1700000000001,
      CreateReferenceData1732300000000,
      SeedReferenceData1732300000001,
      CreateMandates1732300000002,
      CaroInvitationMessages1732300000003,
      SodaAffiliationSource1732300000004,
    ],
    typeDefs: loadServiceSchema(__dirname),
    resolvers: [
      referenceDataResolvers,
      clientResolvers,
      historyResolvers,
      codaResolvers,
      sodaResolvers,
      caroResolvers,
      operatorResolvers,
      parkedEventResolvers({ list: 'mandatesParkedEvents', replay: 'replayMandatesParkedEvent' }),
      scheduledJobResolvers({ list: 'mandatesJobs', run: 'runMandatesJob' }),
    ],
    createContext: (base, ds) => createContext(base, ds, resolved),
    consumes: eventHandlers,
    jobs: [sodaDelayedRemindersJob, caroInvitationsJob],
    routes: (app, ds) => mountCodaMandateDocumentRoute(app, ds, renderer, config.gatewaySigningSecret, log),
  });
  return links.follow(service);
}
