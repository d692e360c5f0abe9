import { readConfig } from './config';

describe('gateway config', () => {
  it('uses dev secrets outside production', () => {
    expect(readConfig({}).jwtSecret).toMatch(/^dev-only/);
  });

  it('refuses the dev secrets, placeholders and short secrets when NODE_ENV=production, naming the variable', () => {
    const real = {
      JWT_SECRET: 'a-real-jwt-secret-0123456789',
      GATEWAY_SIGNING_SECRET: 'a-real-signing-secret-9876',
    };
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set in production/);
    expect(() => readConfig({ NODE_ENV: 'production', JWT_SECRET: real.JWT_SECRET })).toThrow(
      /GATEWAY_SIGNING_SECRET must be set in production/,
    );
    for (const placeholder of ['change-me-jwt-secret', 'dev-only-jwt-secret-change-me', 'short'])
      expect(() => readConfig({ NODE_ENV: 'production', ...real, JWT_SECRET: placeholder })).toThrow(
        /JWT_SECRET must be set/,
      );
    expect(readConfig({ NODE_ENV: 'production', ...real }).production).toBe(true);
  });

  it("reads the subscription feeds' brokers, namespace and limits", () => {
    const config = readConfig({
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      KAFKA_NAMESPACE: 'staging.',
      SUBSCRIPTION_QUEUE_LIMIT: '50',
      SUBSCRIPTIONS_GROUP_ID: 'gw-a',
      MAX_SUBSCRIPTIONS_PER_CONNECTION: '5',
    });
    expect(config.subscriptions).toEqual({
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      kafkaNamespace: 'staging.',
      groupId: 'gw-a',
      queueLimit: 50,
      maxPerConnection: 5,
    });
    expect(readConfig({}).subscriptions.kafkaNamespace).toBe('');
    expect(() => readConfig({ KAFKA_NAMESPACE: 'a/b' })).toThrow(/KAFKA_NAMESPACE must be up to 100 letters/);
  });

  it('routes each subgraph by its own variable', () => {
    expect(readConfig({ TITRES_SERVICES_URL: 'http://ts:1/graphql' }).subgraphUrls['titres-services']).toBe(
      'http://ts:1/graphql',
    );
  });

  it('reads subgraph deadlines, the circuit breaker and the rate limits, with generous defaults', () => {
    const defaults = readConfig({});
    expect(defaults.subgraphFetch).toMatchObject({ timeoutMs: 5_000, longTimeoutMs: 120_000 });
    expect(defaults.rateLimits).toEqual({ perIp: 12_000, perPrincipal: 6_000, windowSeconds: 60 });
    expect(defaults.trustProxy).toBe(false);
    const set = readConfig({
      SUBGRAPH_TIMEOUT_MS: '2000',
      SUBGRAPH_BREAKER_FAILURES: '3',
      RATE_LIMIT_PER_PRINCIPAL: '10',
      TRUST_PROXY: '1',
    });
    expect(set.subgraphFetch).toMatchObject({ timeoutMs: 2_000, breakerFailures: 3 });
    expect(set.rateLimits.perPrincipal).toBe(10);
    expect(set.trustProxy).toBe(1);
  });

  it('fails fast naming a variable that is not a number it accepts', () => {
    expect(() => readConfig({ PORT: 'abc' })).toThrow(/gateway: PORT must be a whole number/);
    expect(() => readConfig({ SUBGRAPH_TIMEOUT_MS: '5s' })).toThrow(/SUBGRAPH_TIMEOUT_MS/);
  });
});
