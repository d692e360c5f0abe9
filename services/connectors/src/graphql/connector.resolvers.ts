import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { requireOffice } from '@fidu/service-kit';
import type { ConnectorsContext } from '../context';
import type { ConnectorAssociationEntity } from '../db/connector-association.entity';
import type { ConnectorSoftwareEntity } from '../db/connector-software.entity';
import type { ConnectorEntity } from '../db/connector.entity';
import { addConnector, type AddConnectorInput } from '../use-cases/add-connector';
import { associateClients, type AssociateClientsInput } from '../use-cases/associate-clients';
import { deleteConnector } from '../use-cases/delete-connector';
import { disassociateClient } from '../use-cases/disassociate-client';
import { listConnectorSoftwares } from '../use-cases/list-connector-softwares';
import { listConnectors } from '../use-cases/list-connectors';
import { validateConnector } from '../use-cases/validate-connector';

/** Connectors belong to an office: any other caller is refused with a domain error. */
function officeOf(ctx: ConnectorsContext): string {
  return requireOffice(ctx.principal).officeId;
}

/** Resolvers of the types this service owns: softwares, connectors and associations. */
export const connectorResolvers: GraphQLResolverMap<ConnectorsContext> = {
  Query: {
    // Reference data, the same for every caller that reached us through the gateway.
    connectorSoftwares: async (_: unknown, _args: unknown, ctx: ConnectorsContext) => {
      const softwares = await listConnectorSoftwares(ctx.dataSource);
      for (const s of softwares) ctx.loaders.softwareById.prime(s.id, s);
      return softwares;
    },
    connectors: async (_: unknown, _args: unknown, ctx: ConnectorsContext) => {
      const connectors = await listConnectors(ctx.dataSource, officeOf(ctx));
      for (const c of connectors) ctx.loaders.connectorById.prime(c.id, c);
      return connectors;
    },
  },
  Mutation: {
    addConnector: async (_: unknown, { input }: { input: AddConnectorInput }, ctx: ConnectorsContext) => ({
      connector: await addConnector(ctx.dataSource, officeOf(ctx), input),
    }),
    validateConnector: async (_: unknown, { id }: { id: string }, ctx: ConnectorsContext) => ({
      connector: await validateConnector(ctx.dataSource, officeOf(ctx), id),
    }),
    deleteConnector: (_: unknown, { id }: { id: string }, ctx: ConnectorsContext) =>
      deleteConnector(ctx.dataSource, officeOf(ctx), id),
    associateClients: async (
      _: unknown,
      { input }: { input: AssociateClientsInput },
      ctx: ConnectorsContext,
    ) => {
      const result = await associateClients(ctx.dataSource, officeOf(ctx), input);
      ctx.loaders.connectorById.prime(result.connector.id, result.connector);
      return result;
    },
    disassociateClient: async (_: unknown, { clientId }: { clientId: string }, ctx: ConnectorsContext) => {
      const association = await disassociateClient(ctx.dataSource, officeOf(ctx), clientId);
      // The client now has no live association: say so without a query.
      ctx.loaders.associationByClientId.clear(association.clientId).prime(association.clientId, null);
      return { client: { id: association.clientId }, association };
    },
  },
  ConnectorSoftware: {
    exportFormats: (s: ConnectorSoftwareEntity) => s.exportFormats,
  },
  Connector: {
    software: (c: ConnectorEntity, _: unknown, ctx: ConnectorsContext) =>
      ctx.loaders.softwareById.load(c.softwareId),
    createdAt: (c: ConnectorEntity) => c.createdAt.toISOString(),
    validatedAt: (c: ConnectorEntity) => c.validatedAt?.toISOString() ?? null,
    deletedAt: (c: ConnectorEntity) => c.deletedAt?.toISOString() ?? null,
  },
  ConnectorAssociation: {
    client: (a: ConnectorAssociationEntity) => ({ id: a.clientId }),
    connector: (a: ConnectorAssociationEntity, _: unknown, ctx: ConnectorsContext) =>
      ctx.loaders.connectorById.load(a.connectorId),
    associatedAt: (a: ConnectorAssociationEntity) => a.associatedAt.toISOString(),
    endedAt: (a: ConnectorAssociationEntity) => a.endedAt?.toISOString() ?? null,
  },
};
