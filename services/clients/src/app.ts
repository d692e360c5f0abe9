import { loadSchemaFile, startService, type RunningService, type ServiceConfig } from '@fidu/service-kit';
import { createContext } from './context';
import { ClientEntity } from './db/client.entity';
import { CreateClient1732200000000 } from './db/migrations/1732200000000-create-client';
import { clientResolvers } from './graphql/client.resolvers';
import { SCHEMA_PATH } from './schema-path';

/** The clients subgraph: owner of the Client entity (ARCHITECTURE §4.1). */
export function createApp(config: ServiceConfig): Promise<RunningService> {
  return startService({
    config,
    entities: [ClientEntity],
    migrations: [CreateClient1732200000000],
    typeDefs: loadSchemaFile(SCHEMA_PATH),
    resolvers: [clientResolvers],
    createContext,
  });
}
