import { bankOf } from '../access/bank-entry.access';
import { recordBankEntries } from '../use-cases/record-bank-entries';
import type { Resolvers } from './generated/resolvers-types';

/**
 * What bank partners do here: deliver entries of accounts mandates activated at their bank. Banks
 * activate accounts only in mandates, on the CODA mandates that name them (BankAccountActivated).
 */
export const bankResolvers: Resolvers = {
  Mutation: {
    recordBankEntries: (_, { input }, ctx) => recordBankEntries(ctx.dataSource, bankOf(ctx.principal), input),
  },
  ActiveBankAccount: {
    client: (a) => ({ id: a.clientId }),
    activatedAt: (a) => a.activatedAt.toISOString(),
  },
  BankEntry: {
    client: (e) => ({ id: e.clientId }),
    receivedAt: (e) => e.receivedAt.toISOString(),
  },
};
