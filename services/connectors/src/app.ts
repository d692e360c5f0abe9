import {
  ClientDirectory1700000000001,
  createLogger,
  LinkOrigin,
  loadServiceSchema,
  parkedEventResolvers,
  scheduledJobResolvers,
  startService,
  type RunningService,
} from '@fidu/service-kit';
import type { ConnectorsConfig } from './config';
import { createContext, type DownloadSettings } from './context';
import { ConnectorAssociationEntity } from './db/connector-association.entity';
import { ConnectorSoftwareEntity } from './db/connector-software.entity';
import { ConnectorEntity } from './db/connector.entity';
import { ExportBatchEntity } from './db/export-batch.entity';
import { GlobalFileEntity } from './db/global-file.entity';
import { CreateConnectors1732300000000 } from './db/migrations/1732300000000-create-connectors';
import { SeedConnectorSoftwares1732300000001 } from './db/migrations/1732300000001-seed-connector-softwares';
import { BankEntriesAndExports1732300000002 } from './db/migrations/1732300000002-bank-entries-and-exports';
import { RevokeBankPartnerActivations1732300000003 } from './db/migrations/1732300000003-revoke-bank-partner-activations';
import { CsvConventions1732300000004 } from './db/migrations/1732300000004-csv-conventions';
import { BankAccountStops1732300000005 } from './db/migrations/1732300000005-bank-account-stops';
import { CONSUMED_TOPICS, handleEvent, handleEventBatch } from './events/handlers';
import { bankResolvers } from './graphql/bank.resolvers';
import { clientResolvers } from './graphql/client.resolvers';
import { connectorResolvers } from './graphql/connector.resolvers';
import { dailyExportResolvers } from './graphql/daily-export.resolvers';
import { exportResolvers } from './graphql/export.resolvers';
import { mountDownloadRoute } from './http/download.route';
import { dailyExportJob } from './jobs/daily-export.job';

/**
 * The connectors subgraph: So bank connectors, associations, bank entries and daily exports. It owns
 * its tables; it learns clients and activated bank accounts from the clients and mandates events.
 */
export async function createApp(config: ConnectorsConfig): Promise<RunningService> {
  const links = new LinkOrigin(config, config.publicUrl);
  const downloads: DownloadSettings = {
    secret: config.gatewaySigningSecret,
    baseUrl: links.baseUrl,
  };
  const log = createLogger(config.service);
  const service = await startService({
    config,
    log,
    entities: [
      ConnectorSoftwareEntity,
      ConnectorEntity,
      ConnectorAssociationEntity,
      ExportBatchEntity,
      GlobalFileEntity,
    ],
    migrations: [
      ClientDirectory1700000000001,
      CreateConnectors1732300000000,
      SeedConnectorSoftwares1732300000001,
      BankEntriesAndExports1732300000002,
      RevokeBankPartnerActivations1732300000003,
      CsvConventions1732300000004,
      BankAccountStops1732300000005,
    ],
    typeDefs: loadServiceSchema(__dirname),
    resolvers: [
      connectorResolvers,
      clientResolvers,
      exportResolvers,
      bankResolvers,
      dailyExportResolvers,
      parkedEventResolvers({ list: 'connectorsParkedEvents', replay: 'replayConnectorsParkedEvent' }),
      scheduledJobResolvers({ list: 'connectorsJobs', run: 'runConnectorsJob' }),
    ],
    createContext: (base, ds) => createContext(base, ds, downloads),
    consumes: { topics: CONSUMED_TOPICS, handle: handleEvent, handleBatch: handleEventBatch },
    routes: (app, ds) => mountDownloadRoute(app, ds, downloads.secret, log),
    jobs: [dailyExportJob],
  });
  return links.follow(service);
}
