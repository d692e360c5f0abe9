export * from '../gen/fidu/mandates/v1/bank_account_events_pb';
export * from '../gen/fidu/mandates/v1/coda_mandate_events_pb';
export * from '../gen/fidu/mandates/v1/soda_mandate_events_pb';
export * from '../gen/fidu/mandates/v1/caro_order_events_pb';
import {
  BankAccountActivatedSchema,
  BankAccountStateChangedSchema,
} from '../gen/fidu/mandates/v1/bank_account_events_pb';
import {
  CodaMandateDocumentRegeneratedSchema,
  CodaMandateOrderedSchema,
  CodaMandateStateChangedSchema,
} from '../gen/fidu/mandates/v1/coda_mandate_events_pb';
import {
  SodaActivationRequestedSchema,
  SodaMandateOrderedSchema,
  SodaMandateStateChangedSchema,
} from '../gen/fidu/mandates/v1/soda_mandate_events_pb';
import {
  CaroInvitationSentSchema,
  CaroOrderCreatedSchema,
  CaroOrderStateChangedSchema,
} from '../gen/fidu/mandates/v1/caro_order_events_pb';

/** Names of the topics owned by the `mandates` service. */
export const MANDATES_TOPIC_NAMES = {
  bankAccount: 'mandates.bank-account.v1',
  codaMandate: 'mandates.coda-mandate.v1',
  sodaMandate: 'mandates.soda-mandate.v1',
  caroOrder: 'mandates.caro-order.v1',
} as const;

/** Topics owned by the `mandates` service. */
export const MANDATES_TOPICS = {
  /** BankAccount aggregate; key = bank account id. */
  'mandates.bank-account.v1': [BankAccountActivatedSchema, BankAccountStateChangedSchema],
  /** CodaMandate aggregate; key = CODA mandate id. */
  'mandates.coda-mandate.v1': [
    CodaMandateOrderedSchema,
    CodaMandateStateChangedSchema,
    CodaMandateDocumentRegeneratedSchema,
  ],
  /** SodaMandate aggregate (per client and social secretariat); key = SODA mandate id. */
  'mandates.soda-mandate.v1': [
    SodaMandateOrderedSchema,
    SodaMandateStateChangedSchema,
    SodaActivationRequestedSchema,
  ],
  /** CaroOrder aggregate; key = CARO order id. */
  'mandates.caro-order.v1': [CaroOrderCreatedSchema, CaroOrderStateChangedSchema, CaroInvitationSentSchema],
} as const;
