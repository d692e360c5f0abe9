import { DomainError } from '@fidu/service-kit';
import { connectorOfficeOf } from '../access/connector.access';
import { conventionsOf } from '../domain/connector-csv-conventions';
import { listConnectorSoftwares } from '../read-models/connector-software.read-model';
import { listConnectors } from '../read-models/connector.read-model';
import { addConnector } from '../use-cases/add-connector';
import { associateAllClients } from '../use-cases/associate-all-clients';
import { associateClients } from '../use-cases/associate-clients';
import { deleteConnector } from '../use-cases/delete-connector';
import { disassociateClient } from '../use-cases/disassociate-client';
import { setConnectorCsvConventions } from '../use-cases/set-connector-csv-conventions';
import { validateConnector } from '../use-cases/validate-connector';
import { mustExist } from './connector.loaders';
import type { Resolvers } from './generated/resolvers-types';

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

/** Resolvers of the types this service owns: softwares, connectors and associations. */
export const connectorResolvers: Resolvers = {
  Query: {
    // Reference data, the same for every caller that reached us through the gateway.
    connectorSoftwares: async (_, _args, ctx) => {
      const softwares = await listConnectorSoftwares(ctx.dataSource);
      for (const s of softwares) ctx.loaders.softwareById.prime(s.id, s);
      return softwares;
    },
    connectors: async (_, _args, ctx) => {
      const connectors = await listConnectors(ctx.dataSource, connectorOfficeOf(ctx.principal));
      for (const c of connectors) ctx.loaders.connectorById.prime(c.id, c);
      return connectors;
    },
  },
  Mutation: {
    addConnector: async (_, { input }, ctx) => ({
      connector: await addConnector(ctx.dataSource, connectorOfficeOf(ctx.principal), input, ctx.requestId),
    }),
    validateConnector: async (_, { input }, ctx) => ({
      connector: await validateConnector(
        ctx.dataSource,
        connectorOfficeOf(ctx.principal),
        input.connectorId,
        ctx.requestId,
      ),
    }),
    setConnectorCsvConventions: async (_, { input }, ctx) => ({
      connector: await setConnectorCsvConventions(ctx.dataSource, connectorOfficeOf(ctx.principal), input),
    }),
    deleteConnector: (_, { input }, ctx) =>
      deleteConnector(ctx.dataSource, connectorOfficeOf(ctx.principal), input.connectorId, ctx.requestId),
    associateClients: async (_, { input }, ctx) => {
      const result = await associateClients(ctx.dataSource, connectorOfficeOf(ctx.principal), input, {
        correlationId: ctx.requestId,
      });
      ctx.loaders.connectorById.prime(result.connector.id, result.connector);
      return result;
    },
    associateAllClients: async (_, { input }, ctx) => {
      const result = await associateAllClients(
        ctx.dataSource,
        connectorOfficeOf(ctx.principal),
        input,
        ctx.requestId,
      );
      ctx.loaders.connectorById.prime(result.connector.id, result.connector);
      return result;
    },
    associateClient: async (_, { input }, ctx) => {
      const result = await associateClients(
        ctx.dataSource,
        connectorOfficeOf(ctx.principal),
        { connectorId: input.connectorId, clientIds: [input.clientId] },
        { channel: 'CLIENT_RECORD', correlationId: ctx.requestId },
      ).catch((error: unknown) => {
        throw asClientRecordError(error);
      });
      ctx.loaders.connectorById.prime(result.connector.id, result.connector);
      const association = result.associations[0]!;
      return { client: { id: association.clientId }, association };
    },
    disassociateClient: async (_, { input }, ctx) => {
      const association = await disassociateClient(
        ctx.dataSource,
        connectorOfficeOf(ctx.principal),
        input.clientId,
        ctx.requestId,
      );
      // The client now has no live association: say so without a query.
      ctx.loaders.associationByClientId.clear(association.clientId).prime(association.clientId, null);
      return { client: { id: association.clientId }, association };
    },
  },
  ConnectorSoftware: {
    exportFormats: (s) => s.exportFormats,
    defaultCsvConventions: (s) => conventionsOf(s),
  },
  Connector: {
    software: (c, _, ctx) =>
      mustExist(ctx.loaders.softwareById.load(c.softwareId), `software ${c.softwareId}`),
    createdAt: (c) => c.createdAt.toISOString(),
    validatedAt: (c) => c.validatedAt?.toISOString() ?? null,
    deletedAt: (c) => c.deletedAt?.toISOString() ?? null,
    csvConventions: (c) => conventionsOf(c),
  },
  ConnectorAssociation: {
    client: (a) => ({ id: a.clientId }),
    connector: (a, _, ctx) =>
      mustExist(ctx.loaders.connectorById.load(a.connectorId), `connector ${a.connectorId}`),
    associatedAt: (a) => a.associatedAt.toISOString(),
    endedAt: (a) => a.endedAt?.toISOString() ?? null,
  },
};
