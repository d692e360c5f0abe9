import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { requireOffice, requireUuid } from '@fidu/service-kit';
import type { TitresServicesContext } from '../context';
import { companyScopeOf, requireCompany } from '../access/approved-company.access';
import { formatNiss } from '../domain/niss';
import type { ApprovedCompanyEntity, WorkerEntity } from '../read-models/approved-company.read-model';
import { addWorker, type AddWorkerInput } from '../use-cases/add-worker';
import {
  registerApprovedCompany,
  type RegisterApprovedCompanyInput,
} from '../use-cases/register-approved-company';
import { knownIdOrNull } from './known-id';

/** Approved companies and their workers: read by the owning office or the company itself. */
export const approvedCompanyResolvers: GraphQLResolverMap<TitresServicesContext> = {
  Query: {
    approvedCompany: (_: unknown, args: { id: string }, ctx: TitresServicesContext) => {
      companyScopeOf(ctx.principal);
      return ctx.loaders.approvedCompanyById.load(requireUuid(args.id, 'id'));
    },
    myApprovedCompany: (_: unknown, _args: unknown, ctx: TitresServicesContext) =>
      ctx.loaders.approvedCompanyById.load(requireCompany(ctx.principal)),
  },
  Mutation: {
    registerApprovedCompany: async (
      _: unknown,
      { input }: { input: RegisterApprovedCompanyInput },
      ctx: TitresServicesContext,
    ) => {
      const company = await registerApprovedCompany(
        ctx.dataSource,
        requireOffice(ctx.principal).officeId,
        input,
      );
      ctx.loaders.approvedCompanyById.prime(company.id, company);
      return { approvedCompany: company };
    },
    addWorker: async (_: unknown, { input }: { input: AddWorkerInput }, ctx: TitresServicesContext) => ({
      worker: await addWorker(ctx.dataSource, companyScopeOf(ctx.principal), input),
    }),
  },
  ApprovedCompany: {
    __resolveReference: (ref: { id: string }, ctx: TitresServicesContext) => {
      const id = knownIdOrNull(ref.id);
      return id ? ctx.loaders.approvedCompanyById.load(id) : null;
    },
    // Only offices may read clients; for the company itself the clients service would answer null anyway.
    client: (c: ApprovedCompanyEntity, _args: unknown, ctx: TitresServicesContext) =>
      ctx.scope?.kind === 'office' ? { id: c.clientId } : null,
    companyName: async (c: ApprovedCompanyEntity, _args: unknown, ctx: TitresServicesContext) =>
      (await ctx.loaders.directoryEntry.load({ officeId: c.officeId, clientId: c.clientId }))?.companyName ??
      null,
    financialContact: (c: ApprovedCompanyEntity) => ({
      name: c.financialContactName,
      email: c.financialContactEmail,
      phone: c.financialContactPhone,
    }),
    workers: (c: ApprovedCompanyEntity, _args: unknown, ctx: TitresServicesContext) =>
      ctx.loaders.workersByCompanyId.load(c.id),
    createdAt: (c: ApprovedCompanyEntity) => c.createdAt.toISOString(),
    updatedAt: (c: ApprovedCompanyEntity) => c.updatedAt.toISOString(),
  },
  ApprovedCompanyWorker: {
    niss: (w: WorkerEntity) => (w.niss ? formatNiss(w.niss) : null),
    createdAt: (w: WorkerEntity) => w.createdAt.toISOString(),
  },
};
