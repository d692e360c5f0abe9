import type { GatewayApp } from '@fidu/gateway';
import { newOffice, sharedSystem, type TestSystem } from '../../support/system';

/** Budgets per principal and per IP: 429 RATE_LIMITED with a GraphQL body and Retry-After. */
describe('gateway: rate limits per principal and per IP', () => {
  let sys: TestSystem;
  let gateway: GatewayApp;
  let url: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    // A gateway of its own with small budgets. `{ __typename }` needs no subgraph: the budgets are
    // the gateway's alone.
    ({ gateway, url } = await sys.startGateway({
      adjust: (config) => ({ ...config, rateLimits: { perIp: 12, perPrincipal: 4, windowSeconds: 60 } }),
    }));
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
    const first = await sys.token(newOffice());
    const second = await sys.token(newOffice());
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
