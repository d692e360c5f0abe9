import {
  ClientDirectory1700000000001,
  loadSchemaFile,
  startService,
  type RunningService,
  type ServiceConfig,
} from '@fidu/service-kit';
import { TOPICS } from '@fidu/proto-events';
import { createContext } from './context';
import { ConnectorAssociationEntity } from './db/connector-association.entity';
import { ConnectorSoftwareEntity } from './db/connector-software.entity';
import { ConnectorEntity } from './db/connector.entity';
import { CreateConnectors1732300000000 } from './db/migrations/1732300000000-create-connectors';
import { SeedConnectorSoftwares1732300000001 } from './db/migrations/1732300000001-seed-connector-softwares';
import { onClientEvent } from './events/on-client-event';
import { clientResolvers } from './graphql/client.resolvers';
import { connectorResolvers } from './graphql/connector.resolvers';
import { SCHEMA_PATH } from './schema-path';

/** The connectors subgraph: So bank connectors and their client associations (ARCHITECTURE §4.3). */
export function createApp(config: ServiceConfig): Promise<RunningService> {
  return startService({
    config,
    entities: [ConnectorSoftwareEntity, ConnectorEntity, ConnectorAssociationEntity],
    migrations: [
      ClientDirectory1700000000001,
      CreateConnectors1732300000000,
      SeedConnectorSoftwares1732300000001,
    ],
    typeDefs: loadSchemaFile(SCHEMA_PATH),
    resolvers: [connectorResolvers, clientResolvers],
    createContext,
    consumes: { topics: [TOPICS.clientsClient], handle: onClientEvent },
  });
}
