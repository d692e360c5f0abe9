import { connectorOfficeOf } from '../access/connector.access';
import { exportReaderOf, softwareVendorOf } from '../access/export.access';
import type { ConnectorsContext } from '../context';
import { findExportBatch, listExportBatches } from '../read-models/export-batch.read-model';
import {
  contentTypeOf,
  countEntries,
  dossierFile,
  downloadLink,
  exportFile,
  globalFileOf,
  inlineContent,
  type FileDescriptor,
} from '../read-models/export-file.read-model';
import { findGlobalFile, listGlobalFiles } from '../read-models/global-file.read-model';
import { recordExportOutcome } from '../use-cases/record-export-outcome';
import { redeliverExport } from '../use-cases/redeliver-export';
import type { Resolvers } from './generated/resolvers-types';

const iso = (d: Date) => d.toISOString();

/** One signed link per file and request, so downloadUrl and downloadUrlExpiresAt agree. */
const links = new WeakMap<FileDescriptor, Promise<{ url: string; expiresAt: Date }>>();
function linkOf(d: FileDescriptor, ctx: ConnectorsContext): Promise<{ url: string; expiresAt: Date }> {
  let link = links.get(d);
  if (!link) {
    link = downloadLink(d, ctx.downloads.baseUrl(), ctx.downloads.secret);
    links.set(d, link);
  }
  return link;
}

/** Export batches, global files and the files themselves (inline or by signed link). */
export const exportResolvers: Resolvers = {
  Query: {
    exportBatches: (_, args, ctx) => listExportBatches(ctx.dataSource, exportReaderOf(ctx.principal), args),
    exportBatch: (_, { id }, ctx) => findExportBatch(ctx.dataSource, exportReaderOf(ctx.principal), id),
    globalFiles: (_, args, ctx) => listGlobalFiles(ctx.dataSource, connectorOfficeOf(ctx.principal), args),
    globalFile: (_, { businessDate }, ctx) =>
      findGlobalFile(ctx.dataSource, connectorOfficeOf(ctx.principal), businessDate),
    dossierFile: (_, { input }, ctx) => dossierFile(ctx.dataSource, connectorOfficeOf(ctx.principal), input),
  },
  Mutation: {
    recordExportOutcome: async (_, { input }, ctx) => ({
      exportBatch: await recordExportOutcome(ctx.dataSource, softwareVendorOf(ctx.principal), input),
    }),
    redeliverExport: async (_, { input }, ctx) => ({
      exportBatch: await redeliverExport(ctx.dataSource, connectorOfficeOf(ctx.principal), input.exportId),
    }),
  },
  ExportBatchConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
  GlobalFileConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
  ExportBatch: {
    connector: (b, _, ctx) => ctx.loaders.connectorById.load(b.connectorId),
    client: (b) => ({ id: b.clientId }),
    producedAt: (b) => iso(b.producedAt),
    statusChangedAt: (b) => iso(b.statusChangedAt),
    file: (b, { format }, ctx) => exportFile(ctx.dataSource, b, format),
  },
  GlobalFile: {
    producedAt: (g) => iso(g.producedAt),
    file: (g, { format }) => globalFileOf(g, format),
  },
  ExportFile: {
    contentType: (d) => contentTypeOf(d),
    entryCount: (d, _, ctx) => countEntries(ctx.dataSource, d),
    content: (d, _, ctx) => inlineContent(ctx.dataSource, d),
    downloadUrl: async (d, _, ctx) => (await linkOf(d, ctx)).url,
    downloadUrlExpiresAt: async (d, _, ctx) => iso((await linkOf(d, ctx)).expiresAt),
  },
};
