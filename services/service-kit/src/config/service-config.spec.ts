import { envVar } from './env-vars';
import { readEnv } from './read-env';
import { defineServiceConfig, readServiceConfig } from './service-config';

const base = { DATABASE_URL: 'postgres://x/db', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' };

describe('readServiceConfig', () => {
  it('reads the shared settings with defaults', () => {
    expect(readServiceConfig('clients', 4001, base)).toMatchObject({
      port: 4001,
      host: '127.0.0.1',
      kafkaBrokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      kafkaGroupId: 'clients',
      kafkaNamespace: '',
      production: false,
    });
  });

  it('reads a topic namespace made of Kafka topic characters only', () => {
    const read = (prefix: string) => readServiceConfig('clients', 4001, { ...base, KAFKA_NAMESPACE: prefix });
    expect(read('staging.').kafkaNamespace).toBe('staging.');
    expect(() => read('stag ing/')).toThrow(
      `clients: KAFKA_NAMESPACE must be up to 100 letters, digits, '.', '_' or '-', e.g. staging., not "stag ing/"`,
    );
    expect(() => read('x'.repeat(101))).toThrow(/KAFKA_NAMESPACE must be up to 100/);
  });

  it('fails fast on missing database or brokers, a bad port, or the dev secret in production', () => {
    expect(() => readServiceConfig('clients', 4001, { KAFKA_BROKERS: 'k:1' })).toThrow(
      'clients: DATABASE_URL is required (postgres://…/database)',
    );
    expect(() => readServiceConfig('clients', 4001, { DATABASE_URL: 'x' })).toThrow(
      /KAFKA_BROKERS is required/,
    );
    expect(() => readServiceConfig('clients', 4001, { ...base, PORT: 'abc' })).toThrow(
      'clients: PORT must be a whole number from 0 to 65535, not "abc"',
    );
    expect(() => readServiceConfig('clients', 4001, { ...base, PORT: '70000' })).toThrow(/PORT/);
    expect(() => readServiceConfig('clients', 4001, { ...base, NODE_ENV: 'production' })).toThrow(
      'clients: GATEWAY_SIGNING_SECRET must be set in production',
    );
  });

  it('names every faulty variable at once', () => {
    expect(() => readServiceConfig('clients', 4001, { PORT: '1.5' })).toThrow(
      /PORT .*; DATABASE_URL .*; KAFKA_BROKERS/,
    );
  });
});

describe('defineServiceConfig', () => {
  const readConfig = defineServiceConfig(
    'demo',
    4009,
    {
      DEMO_DAYS: envVar.integer({ min: 1, max: 5, fallback: 5 }),
      DEMO_URL: envVar.url({ example: 'https://x' }),
    },
    (vars) => ({ days: vars.DEMO_DAYS, url: vars.DEMO_URL }),
  );

  it('adds the service’s own settings to the shared ones', () => {
    expect(readConfig({ ...base, DEMO_DAYS: '2', DEMO_URL: 'http://127.0.0.1:1/files/' })).toMatchObject({
      service: 'demo',
      port: 4009,
      days: 2,
      url: 'http://127.0.0.1:1/files',
    });
    expect(readConfig(base)).toMatchObject({ days: 5, url: undefined });
  });

  it.each(['0', '6', '2.5', 'x'])('fails fast on DEMO_DAYS=%s, naming it', (value) => {
    expect(() => readConfig({ ...base, DEMO_DAYS: value })).toThrow(
      /demo: DEMO_DAYS must be a whole number from 1 to 5/,
    );
  });

  it('refuses a URL that is not one', () => {
    expect(() => readConfig({ ...base, DEMO_URL: 'ftp:/x' })).toThrow(
      /DEMO_URL must be a URL, e.g. https:\/\/x/,
    );
  });
});

describe('envVar.secret', () => {
  const shape = {
    NODE_ENV: envVar.optionalText(),
    SECRET: envVar.secret('dev-secret-0123456789', { minLength: 16 }),
  };
  it('defaults in development, is refused in production unless set, and has a minimum length', () => {
    expect(readEnv('x', shape, {}).SECRET).toBe('dev-secret-0123456789');
    expect(() => readEnv('x', shape, { NODE_ENV: 'production' })).toThrow(
      'x: SECRET must be set in production',
    );
    expect(readEnv('x', shape, { NODE_ENV: 'production', SECRET: 'a-real-secret-of-length' }).SECRET).toBe(
      'a-real-secret-of-length',
    );
    expect(() => readEnv('x', shape, { SECRET: 'short' })).toThrow(
      'x: SECRET must be at least 16 characters',
    );
  });
});
