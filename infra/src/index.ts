export { freePort } from './free-port';
export { startKafka } from './kafka';
export { ensureKafkaJars } from './kafka-jars';
export type { KafkaHandle } from './kafka';
export { startLocalInfra } from './local-infra';
export type { LocalInfra } from './local-infra';
export type { Log } from './log';
export { createDatabaseOn, databaseUrl, startPostgres } from './postgres';
export type { PostgresHandle } from './postgres';
