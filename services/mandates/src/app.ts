import {
  ClientDirectory1700000000001,
  loadSchemaFile,
  parkedEventResolvers,
  scheduledJobResolvers,
  startService,
  type RunningService,
  type ServiceConfig,
} from '@fidu/service-kit';
import { readMandatesOptions, type MandatesOptions } from './config';
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
import { createLocalESignatureProvider } from './esignature/esignature-provider';
import { eventHandlers } from './events/handlers';
import { caroResolvers } from './graphql/caro.resolvers';
import { clientResolvers } from './graphql/client.resolvers';
import { historyResolvers } from './graphql/history.resolvers';
import { codaResolvers } from './graphql/coda.resolvers';
import { operatorResolvers } from './graphql/operator.resolvers';
import { referenceDataResolvers } from './graphql/reference-data.resolvers';
import { sodaResolvers } from './graphql/soda.resolvers';
import { caroInvitationsJob } from './jobs/caro-invitations.job';
import { sodaDelayedRemindersJob } from './jobs/soda-delayed-reminders.job';
import { SCHEMA_PATH } from './schema-path';

/** The mandates subgraph, its composition root: CODA, SODA and CARO from order to activation. */
export async function createApp(
  config: ServiceConfig,
  options: MandatesOptions = readMandatesOptions(),
  adapters?: Partial<MandatesAdapters>,
): Promise<RunningService> {
  const resolved: MandatesAdapters = {
    renderer: adapters?.renderer ?? pdfMandateRenderer,
    esignature: adapters?.esignature ?? createLocalESignatureProvider(options.esignatureSecret),
  };
  const service = await startService({
    config,
    entities: [BankEntity, SocialSecretariatEntity, MandateSoftwareEntity],
    migrations: [
      ClientDirectory1700000000001,
      CreateReferenceData1732300000000,
      SeedReferenceData1732300000001,
      CreateMandates1732300000002,
      CaroInvitationMessages1732300000003,
      SodaAffiliationSource1732300000004,
    ],
    typeDefs: loadSchemaFile(SCHEMA_PATH),
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
  });
  return service;
}
