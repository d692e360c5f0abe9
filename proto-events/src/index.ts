/**
 * `@fidu/proto-events`: the event contracts of the federation (protobuf), their generated
 * TypeScript, the topic registry and the envelope codec. See README.md.
 */
export * from './codec';
export * from './topics';
export * from './gen/fidu/events/v1/envelope_pb';
export * from './gen/fidu/clients/v1/client_events_pb';
export * from './gen/fidu/mandates/v1/bank_account_events_pb';
