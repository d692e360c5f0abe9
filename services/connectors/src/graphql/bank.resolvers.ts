import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { ConnectorsContext } from '../context';
import type { BankAccountRow } from '../db/bank-account.repository';
import type { ActiveAccount } from './connector.loaders';
import {
  recordBankEntries,
  type BankEntryRow,
  type RecordBankEntriesInput,
} from '../use-cases/record-bank-entries';
import { requireBank } from './partners';

/**
 * What bank partners do here: deliver entries of accounts mandates activated at their bank. Banks
 * activate accounts only in mandates, on the CODA mandates that name them (BankAccountActivated).
 */
export const bankResolvers: GraphQLResolverMap<ConnectorsContext> = {
  Mutation: {
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
