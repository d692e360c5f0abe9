import { ClientDirectory1700000000001, loadSchemaFile, startService, type RunningService, type ServiceConfig } from '@fidu/service-kit';
import { TOPICS } from '@fidu/proto-events';
import { createContext } from './context';
import { BankEntity } from './db/bank.entity';
import { MandateSoftwareEntity } from './db/mandate-software.entity';
import { CreateReferenceData1732300000000 } from './db/migrations/1732300000000-create-reference-data';
import { SeedReferenceData1732300000001 } from './db/migrations/1732300000001-seed-reference-data';
import { SocialSecretariatEntity } from './db/social-secretariat.entity';
import { onClientEvent } from './events/on-client-event';
import { clientResolvers } from './graphql/client.resolvers';
import { referenceDataResolvers } from './graphql/reference-data.resolvers';
import { SCHEMA_PATH } from './schema-path';

/** The mandates subgraph: reference data and the client data mandates are built from (ARCHITECTURE §4.2). */
export function createApp(config: ServiceConfig): Promise<RunningService> {
  return startService({
    config,
    entities: [BankEntity, SocialSecretariatEntity, MandateSoftwareEntity],
    migrations: [ClientDirectory1700000000001, CreateReferenceData1732300000000, SeedReferenceData1732300000001],
    typeDefs: loadSchemaFile(SCHEMA_PATH),
    resolvers: [referenceDataResolvers, clientResolvers],
    createContext,
    consumes: { topics: [TOPICS.clientsClient], handle: onClientEvent },
  });
}
