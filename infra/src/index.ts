export { freePort } from './free-port';
export { startKafka } from './kafka';
export { ensureKafkaJars } from './kafka-jars';
export type { KafkaHandle } from './kafka';
export { startLocalInfra } from './local-infra';
export type { LocalInfra } from './local-infra';
export type { Log } from './log';
export { createDatabaseOn, databaseUrl, startPostgres } from './postgres';
export type { PostgresHandle } from './postgres';
// The demo data `npm start` seeds; end-to-end tests seed the same through these.
export { DEMO_OFFICE_ID, type DemoContext } from './demo/demo-context';
export { seedClients } from './demo/seed-clients';
export { seedConnectors } from './demo/seed-connectors';
export { seedDemo } from './demo/seed-demo';
export { seedMandates } from './demo/seed-mandates';
export { seedTitresServices } from './demo/seed-titres-services';
