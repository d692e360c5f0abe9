import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DomainError, requireOffice } from '@fidu/service-kit';
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
import {
  setConnectorCsvConventions,
  type SetConnectorCsvConventionsInput,
} from '../use-cases/set-connector-csv-conventions';
import { conventionsOf } from '../domain/connector-csv-conventions';
import { associateAllClients, type AssociateAllClientsInput } from '../use-cases/associate-all-clients';

/** The one-client mutation reuses the selection rules: name its own input field in their errors. */
function asClientRecordError(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.field !== 'clientIds.0') return error;
  const problems = (error.details?.problems as { field: string }[] | undefined)?.map((p) => ({
    ...p,
    field: 'clientId',
  }));
  return new DomainError(
    error.code,
    error.message,
    'clientId',
    problems ? { ...error.details, problems } : error.details,
  );
}

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
      connector: await addConnector(ctx.dataSource, officeOf(ctx), input, ctx.requestId),
    }),
    validateConnector: async (
      _: unknown,
      { input }: { input: { connectorId: string } },
      ctx: ConnectorsContext,
    ) => ({
      connector: await validateConnector(ctx.dataSource, officeOf(ctx), input.connectorId, ctx.requestId),
    }),
    setConnectorCsvConventions: async (
      _: unknown,
      { input }: { input: SetConnectorCsvConventionsInput },
      ctx: ConnectorsContext,
    ) => ({ connector: await setConnectorCsvConventions(ctx.dataSource, officeOf(ctx), input) }),
    deleteConnector: (_: unknown, { input }: { input: { connectorId: string } }, ctx: ConnectorsContext) =>
      deleteConnector(ctx.dataSource, officeOf(ctx), input.connectorId, ctx.requestId),
    associateClients: async (
      _: unknown,
      { input }: { input: AssociateClientsInput },
      ctx: ConnectorsContext,
    ) => {
      const result = await associateClients(ctx.dataSource, officeOf(ctx), input, {
        correlationId: ctx.requestId,
      });
      ctx.loaders.connectorById.prime(result.connector.id, result.connector);
      return result;
    },
    associateAllClients: async (
      _: unknown,
      { input }: { input: AssociateAllClientsInput },
      ctx: ConnectorsContext,
    ) => {
      const result = await associateAllClients(ctx.dataSource, officeOf(ctx), input, ctx.requestId);
      ctx.loaders.connectorById.prime(result.connector.id, result.connector);
      return result;
    },
    associateClient: async (
      _: unknown,
      { input }: { input: { clientId: string; connectorId: string } },
      ctx: ConnectorsContext,
    ) => {
      const result = await associateClients(
        ctx.dataSource,
        officeOf(ctx),
        { connectorId: input.connectorId, clientIds: [input.clientId] },
        { channel: 'CLIENT_RECORD', correlationId: ctx.requestId },
      ).catch((error: unknown) => {
        throw asClientRecordError(error);
      });
      ctx.loaders.connectorById.prime(result.connector.id, result.connector);
      const association = result.associations[0]!;
      return { client: { id: association.clientId }, association };
    },
    disassociateClient: async (
      _: unknown,
      { input }: { input: { clientId: string } },
      ctx: ConnectorsContext,
    ) => {
      const association = await disassociateClient(
        ctx.dataSource,
        officeOf(ctx),
        input.clientId,
        ctx.requestId,
      );
      // The client now has no live association: say so without a query.
      ctx.loaders.associationByClientId.clear(association.clientId).prime(association.clientId, null);
      return { client: { id: association.clientId }, association };
    },
  },
  ConnectorSoftware: {
    exportFormats: (s: ConnectorSoftwareEntity) => s.exportFormats,
    defaultCsvConventions: (s: ConnectorSoftwareEntity) => conventionsOf(s),
  },
  Connector: {
    software: (c: ConnectorEntity, _: unknown, ctx: ConnectorsContext) =>
      ctx.loaders.softwareById.load(c.softwareId),
    createdAt: (c: ConnectorEntity) => c.createdAt.toISOString(),
    validatedAt: (c: ConnectorEntity) => c.validatedAt?.toISOString() ?? null,
    deletedAt: (c: ConnectorEntity) => c.deletedAt?.toISOString() ?? null,
    csvConventions: (c: ConnectorEntity) => conventionsOf(c),
  },
  ConnectorAssociation: {
    client: (a: ConnectorAssociationEntity) => ({ id: a.clientId }),
    connector: (a: ConnectorAssociationEntity, _: unknown, ctx: ConnectorsContext) =>
      ctx.loaders.connectorById.load(a.connectorId),
    associatedAt: (a: ConnectorAssociationEntity) => a.associatedAt.toISOString(),
    endedAt: (a: ConnectorAssociationEntity) => a.endedAt?.toISOString() ?? null,
  },
};
