import { createGateway, readConfig, type GatewayApp } from '@fidu/gateway';
import { mintToken } from '@fidu/service-kit/bearer-token';
import { newOffice } from '../../support/system';

/** Budgets per principal and per IP: 429 RATE_LIMITED with a GraphQL body and Retry-After. */
describe('gateway: rate limits per principal and per IP', () => {
  let gateway: GatewayApp;
  let url: string;
  const config = {
    ...readConfig({ NODE_ENV: 'test' }),
    port: 0,
    rateLimits: { perIp: 12, perPrincipal: 4, windowSeconds: 60 },
  };

  beforeAll(async () => {
    // `{ __typename }` needs no subgraph: the budgets are the gateway's alone.
    gateway = await createGateway(config);
    url = await gateway.listen(0);
  });
  afterAll(() => gateway?.stop());

  const ask = async (token: string | null) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as any,
    };
  };

  it('refuses a principal past its budget with 429 RATE_LIMITED, others keep theirs, then the IP budget ends all', async () => {
    const first = await mintToken(newOffice(), config.jwtSecret);
    const second = await mintToken(newOffice(), config.jwtSecret);
    for (let i = 0; i < 4; i++) expect((await ask(first)).status).toBe(200);
    const limited = await ask(first);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(limited.body.errors[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: Number(limited.retryAfter),
    });
    // Another caller from the same address still has its own budget…
    expect((await ask(second)).status).toBe(200);
    // …until the address's budget (12, the refused request included) is spent, for anonymous callers too.
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await ask(null)).status);
    expect(statuses.filter((s) => s === 200).length).toBe(12 - 6);
    expect(statuses.at(-1)).toBe(429);
    expect((await ask(second)).body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('never limits health checks', async () => {
    for (let i = 0; i < 30; i++) {
      const live = await fetch(url.replace(/\/graphql$/, '/health/live'));
      expect(live.status).toBe(200);
    }
  });
});
