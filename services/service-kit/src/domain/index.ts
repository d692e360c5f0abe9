/**
 * `@fidu/service-kit/domain`: the kit's pure part, for services' domain/ and access/ layers.
 * Nothing here imports a framework or driver (typeorm, pg, graphql, @apollo/*, kafkajs, express,
 * dataloader), directly or through another file.
 */
export * from '../errors';
export * from './error-text';
export * from '../auth/principal';
export * from './state-machine';
// Brussels calendar arithmetic (plain Date and string work, no framework): domain rules count days.
export { addDays, BUSINESS_TIME_ZONE, instantAt, wallClockOf } from '../jobs/brussels-time';
export * from './iban';
export * from './contact-details';
export * from './input-problems';
export * from '../documents/delimited-file';
export * from '../auth/signed-link';
