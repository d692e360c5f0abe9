import { loadServiceSchema, startService, type RunningService, type ServiceConfig } from '@fidu/service-kit';
import { createContext } from './context';
import { ClientEntity } from './db/client.entity';
import { CreateClient1732200000000 } from './db/migrations/1732200000000-create-client';
import { CreateClientImport1732200000001 } from './db/migrations/1732200000001-create-client-import';
import { clientImportResolvers } from './graphql/client-import.resolvers';
import { clientResolvers } from './graphql/client.resolvers';

/** The clients subgraph: owner of the Client entity (an office's dossiers); other subgraphs only refer to it. */
export function createApp(config: ServiceConfig): Promise<RunningService> {
  return startService({
    config,
    entities: [ClientEntity],
    migrations: [CreateClient1732200000000, CreateClientImport1732200000001],
    typeDefs: loadServiceSchema(__dirname),
    resolvers: [clientResolvers, clientImportResolvers],
    createContext,
    // A 20,000-row import as GraphQL variables is a few MB; the gateway lets only importClients this big.
    maxBodyBytes: 16 * 1024 * 1024,
  });
}
