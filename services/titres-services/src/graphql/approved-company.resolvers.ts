import type { Resolvers } from './generated/resolvers-types';
import { requireOffice, requireUuid } from '@fidu/service-kit';
import { companyScopeOf, requireCompany } from '../access/approved-company.access';
import { formatNiss } from '../domain/niss';
import { addWorker } from '../use-cases/add-worker';
import { registerApprovedCompany } from '../use-cases/register-approved-company';
import { knownIdOrNull } from './known-id';

/** Approved companies and their workers: read by the owning office or the company itself. */
export const approvedCompanyResolvers: Resolvers = {
  Query: {
    approvedCompany: (_, args, ctx) => {
      companyScopeOf(ctx.principal);
      return ctx.loaders.approvedCompanyById.load(requireUuid(args.id, 'id'));
    },
    myApprovedCompany: (_, _args, ctx) => ctx.loaders.approvedCompanyById.load(requireCompany(ctx.principal)),
  },
  Mutation: {
    registerApprovedCompany: async (_, { input }, ctx) => {
      const company = await registerApprovedCompany(
        ctx.dataSource,
        requireOffice(ctx.principal).officeId,
        input,
      );
      ctx.loaders.approvedCompanyById.prime(company.id, company);
      return { approvedCompany: company };
    },
    addWorker: async (_, { input }, ctx) => ({
      worker: await addWorker(ctx.dataSource, companyScopeOf(ctx.principal), input),
    }),
  },
  ApprovedCompany: {
    __resolveReference: (ref, ctx) => {
      const id = knownIdOrNull(ref.id);
      return id ? ctx.loaders.approvedCompanyById.load(id) : null;
    },
    // Only offices may read clients; for the company itself the clients service would answer null anyway.
    client: (c, _args, ctx) => (ctx.scope?.kind === 'office' ? { id: c.clientId } : null),
    companyName: async (c, _args, ctx) =>
      (await ctx.loaders.directoryEntry.load({ officeId: c.officeId, clientId: c.clientId }))?.companyName ??
      null,
    financialContact: (c) => ({
      name: c.financialContactName,
      email: c.financialContactEmail,
      phone: c.financialContactPhone,
    }),
    workers: (c, _args, ctx) => ctx.loaders.workersByCompanyId.load(c.id),
    createdAt: (c) => c.createdAt.toISOString(),
    updatedAt: (c) => c.updatedAt.toISOString(),
  },
  ApprovedCompanyWorker: {
    niss: (w) => (w.niss ? formatNiss(w.niss) : null),
    createdAt: (w) => w.createdAt.toISOString(),
  },
};
