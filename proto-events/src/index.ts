/**
 * `@fidu/proto-events`: the event contracts of the federation (protobuf), their generated
 * TypeScript, the topic registry and the envelope codec. See README.md.
 */
export * from './codec';
export * from './topics';
export * from './gen/fidu/events/v1/envelope_pb';
// Each domain's topics file also re-exports that domain's generated messages.
export * from './topics/clients.topics';
export * from './topics/mandates.topics';
export * from './topics/connectors.topics';
export * from './topics/titres-services.topics';
