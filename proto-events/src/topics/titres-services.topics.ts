export * from '../gen/fidu/titres_services/v1/prestation_events_pb';
export * from '../gen/fidu/titres_services/v1/billing_events_pb';
import {
  PrestationEncodedSchema,
  PrestationStateChangedSchema,
} from '../gen/fidu/titres_services/v1/prestation_events_pb';
import {
  DirectDebitRequestStateChangedSchema,
  InvoiceIssuedSchema,
} from '../gen/fidu/titres_services/v1/billing_events_pb';

/** Topics owned by the `titres-services` service. */
export const TITRES_SERVICES_TOPICS = {
  /** Prestation aggregate; key = prestation id. Carries office, company and voucher user ids. */
  'titres-services.prestation.v1': [PrestationEncodedSchema, PrestationStateChangedSchema],
  /** Invoice aggregate; key = invoice id. */
  'titres-services.invoice.v1': [InvoiceIssuedSchema],
  /** Direct-debit (domiciliation) request aggregate; key = request id. */
  'titres-services.direct-debit.v1': [DirectDebitRequestStateChangedSchema],
} as const;

/** Short names of this service's topics. */
export const TITRES_SERVICES_TOPIC_NAMES = {
  prestation: 'titres-services.prestation.v1',
  invoice: 'titres-services.invoice.v1',
  directDebit: 'titres-services.direct-debit.v1',
} as const;
