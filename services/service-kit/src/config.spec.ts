import { readServiceConfig } from './config';

const base = { DATABASE_URL: 'postgres://x/db', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' };

describe('readServiceConfig', () => {
  it('reads the shared settings with defaults', () => {
    expect(readServiceConfig('clients', 4001, base)).toMatchObject({
      port: 4001,
      host: '127.0.0.1',
      kafkaBrokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      kafkaGroupId: 'clients',
    });
  });

  it('fails fast on missing database or brokers, a bad port, or the dev secret in production', () => {
    expect(() => readServiceConfig('clients', 4001, { KAFKA_BROKERS: 'k:1' })).toThrow(/DATABASE_URL/);
    expect(() => readServiceConfig('clients', 4001, { DATABASE_URL: 'x' })).toThrow(/KAFKA_BROKERS/);
    expect(() => readServiceConfig('clients', 4001, { ...base, PORT: 'abc' })).toThrow(/PORT/);
    expect(() => readServiceConfig('clients', 4001, { ...base, NODE_ENV: 'production' })).toThrow(
      /GATEWAY_SIGNING_SECRET/,
    );
  });
});
