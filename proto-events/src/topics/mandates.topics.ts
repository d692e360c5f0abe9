export * from '../gen/fidu/mandates/v1/bank_account_events_pb';
import { BankAccountActivatedSchema } from '../gen/fidu/mandates/v1/bank_account_events_pb';

/** Topics owned by the `mandates` service. */
export const MANDATES_TOPICS = {
  /** BankAccount aggregate; key = bank account id. */
  'mandates.bank-account.v1': [BankAccountActivatedSchema],
} as const;
