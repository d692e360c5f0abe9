import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DomainError, requireOffice } from '@fidu/service-kit';
import type { ConnectorsContext } from '../context';
import type { ExportBatchEntity } from '../db/export-batch.entity';
import { GlobalFileEntity } from '../db/global-file.entity';
import type { ExportFormat } from '../domain/connector';
import {
  batchReaderOf,
  findExportBatch,
  listExportBatches,
  listGlobalFiles,
  recordExportOutcome,
  redeliverExport,
  type ExportBatchFilter,
  type RecordExportOutcomeInput,
} from '../use-cases/export-batches';
import {
  contentTypeOf,
  countEntries,
  dossierFile,
  downloadLink,
  exportFile,
  globalFileOf,
  inlineContent,
  type DossierFileInput,
  type FileDescriptor,
} from '../use-cases/export-files';
import { requireSoftwareVendor } from './partners';

const iso = (d: Date) => d.toISOString();

/** One signed link per file and request, so downloadUrl and downloadUrlExpiresAt agree. */
const links = new WeakMap<FileDescriptor, { url: string; expiresAt: Date }>();
function linkOf(d: FileDescriptor, ctx: ConnectorsContext): { url: string; expiresAt: Date } {
  let link = links.get(d);
  if (!link) {
    link = downloadLink(d, ctx.downloads.baseUrl(), ctx.downloads.secret);
    links.set(d, link);
  }
  return link;
}

/** Export batches, global files and the files themselves (inline or by signed link). */
export const exportResolvers: GraphQLResolverMap<ConnectorsContext> = {
  Query: {
    exportBatches: async (
      _: unknown,
      args: { filter?: ExportBatchFilter | null; first?: number | null; after?: string | null },
      ctx: ConnectorsContext,
    ) => {
      const page = await listExportBatches(
        ctx.dataSource,
        batchReaderOf(ctx.principal),
        args.filter ?? {},
        args.first,
        args.after,
      );
      return { nodes: page.nodes, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
    },
    exportBatch: (_: unknown, { id }: { id: string }, ctx: ConnectorsContext) =>
      findExportBatch(ctx.dataSource, batchReaderOf(ctx.principal), id),
    globalFiles: (_: unknown, { first }: { first?: number | null }, ctx: ConnectorsContext) =>
      listGlobalFiles(ctx.dataSource, requireOffice(ctx.principal).officeId, first),
    globalFile: async (
      _: unknown,
      { businessDate }: { businessDate?: string | null },
      ctx: ConnectorsContext,
    ) => {
      const officeId = requireOffice(ctx.principal).officeId;
      if (businessDate && !/^\d{4}-\d{2}-\d{2}$/.test(businessDate)) {
        throw new DomainError('CONNECTOR_DATE_INVALID', 'businessDate must be YYYY-MM-DD.', 'businessDate');
      }
      return ctx.dataSource.getRepository(GlobalFileEntity).findOne({
        where: businessDate ? { officeId, businessDate } : { officeId },
        order: { businessDate: 'DESC' },
      });
    },
    dossierFile: (_: unknown, { input }: { input: DossierFileInput }, ctx: ConnectorsContext) =>
      dossierFile(ctx.dataSource, requireOffice(ctx.principal).officeId, input),
  },
  Mutation: {
    recordExportOutcome: async (
      _: unknown,
      { input }: { input: RecordExportOutcomeInput },
      ctx: ConnectorsContext,
    ) => ({
      exportBatch: await recordExportOutcome(ctx.dataSource, requireSoftwareVendor(ctx.principal), input),
    }),
    redeliverExport: async (
      _: unknown,
      { input }: { input: { exportId: string } },
      ctx: ConnectorsContext,
    ) => ({
      exportBatch: await redeliverExport(
        ctx.dataSource,
        requireOffice(ctx.principal).officeId,
        input.exportId,
      ),
    }),
  },
  ExportBatch: {
    connector: (b: ExportBatchEntity, _: unknown, ctx: ConnectorsContext) =>
      ctx.loaders.connectorById.load(b.connectorId),
    client: (b: ExportBatchEntity) => ({ id: b.clientId }),
    producedAt: (b: ExportBatchEntity) => iso(b.producedAt),
    statusChangedAt: (b: ExportBatchEntity) => iso(b.statusChangedAt),
    file: (b: ExportBatchEntity, { format }: { format?: ExportFormat | null }, ctx: ConnectorsContext) =>
      exportFile(ctx.dataSource, b, format),
  },
  GlobalFile: {
    producedAt: (g: GlobalFileEntity) => iso(g.producedAt),
    file: (g: GlobalFileEntity, { format }: { format?: ExportFormat | null }) => globalFileOf(g, format),
  },
  ExportFile: {
    contentType: (d: FileDescriptor) => contentTypeOf(d),
    entryCount: (d: FileDescriptor, _: unknown, ctx: ConnectorsContext) => countEntries(ctx.dataSource, d),
    content: (d: FileDescriptor, _: unknown, ctx: ConnectorsContext) => inlineContent(ctx.dataSource, d),
    downloadUrl: (d: FileDescriptor, _: unknown, ctx: ConnectorsContext) => linkOf(d, ctx).url,
    downloadUrlExpiresAt: (d: FileDescriptor, _: unknown, ctx: ConnectorsContext) =>
      iso(linkOf(d, ctx).expiresAt),
  },
};
