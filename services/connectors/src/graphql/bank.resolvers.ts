import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { ConnectorsContext } from '../context';
import type { BankAccountRow } from '../db/bank-account.repository';
import type { ActiveAccount } from './connector.loaders';
import { activateBankAccount, type ActivateBankAccountInput } from '../use-cases/activate-bank-account';
import {
  recordBankEntries,
  type BankEntryRow,
  type RecordBankEntriesInput,
} from '../use-cases/record-bank-entries';
import { requireBank } from './partners';

/** What bank partners do here: activate accounts (until mandates does) and deliver entries. */
export const bankResolvers: GraphQLResolverMap<ConnectorsContext> = {
  Mutation: {
    activateBankAccount: async (
      _: unknown,
      { input }: { input: ActivateBankAccountInput },
      ctx: ConnectorsContext,
    ) => ({
      bankAccount: await activateBankAccount(ctx.dataSource, requireBank(ctx.principal), input),
    }),
    recordBankEntries: (_: unknown, { input }: { input: RecordBankEntriesInput }, ctx: ConnectorsContext) =>
      recordBankEntries(ctx.dataSource, requireBank(ctx.principal), input),
  },
  ActiveBankAccount: {
    client: (a: BankAccountRow | ActiveAccount) => ({ id: a.clientId }),
    activatedAt: (a: BankAccountRow | ActiveAccount) => a.activatedAt.toISOString(),
  },
  BankEntry: {
    client: (e: BankEntryRow) => ({ id: e.clientId }),
    receivedAt: (e: BankEntryRow) => e.receivedAt.toISOString(),
  },
};
