import {
  ClientDirectory1700000000001,
  loadSchemaFile,
  startService,
  type RunningService,
  type ServiceConfig,
} from '@fidu/service-kit';
import { TOPICS } from '@fidu/proto-events';
import { createContext } from './context';
import { ApprovedCompanyEntity } from './db/approved-company.entity';
import { CreateApprovedCompany1732300000001 } from './db/migrations/1732300000001-create-approved-company';
import { CreateWorker1732300000002 } from './db/migrations/1732300000002-create-worker';
import { WorkerEntity } from './db/worker.entity';
import { onClientEvent } from './events/on-client-event';
import { approvedCompanyResolvers } from './graphql/approved-company.resolvers';
import { clientResolvers } from './graphql/client.resolvers';
import { SCHEMA_PATH } from './schema-path';

/** The titres-services subgraph: approved companies and their workers so far (ARCHITECTURE §4.4). */
export function createApp(config: ServiceConfig): Promise<RunningService> {
  return startService({
    config,
    entities: [ApprovedCompanyEntity, WorkerEntity],
    migrations: [ClientDirectory1700000000001, CreateApprovedCompany1732300000001, CreateWorker1732300000002],
    typeDefs: loadSchemaFile(SCHEMA_PATH),
    resolvers: [approvedCompanyResolvers, clientResolvers],
    createContext,
    consumes: { topics: [TOPICS.clientsClient], handle: onClientEvent },
  });
}
