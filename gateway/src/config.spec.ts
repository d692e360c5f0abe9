import { readConfig } from './config';

describe('gateway config', () => {
  it('uses dev secrets outside production', () => {
    expect(readConfig({}).jwtSecret).toMatch(/^dev-only/);
  });

  it('refuses the dev secrets when NODE_ENV=production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/must be set in production/);
    expect(() => readConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret' })).toThrow(/must be set in production/);
    expect(readConfig({ NODE_ENV: 'production', JWT_SECRET: 's1', GATEWAY_SIGNING_SECRET: 's2' }).production).toBe(true);
  });

  it('routes each subgraph by its own variable', () => {
    expect(readConfig({ TITRES_SERVICES_URL: 'http://ts:1/graphql' }).subgraphUrls['titres-services']).toBe('http://ts:1/graphql');
  });
});
