import { mintToken } from '@fidu/service-kit/bearer-token';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';

/** The gateway's edge: bearer tokens, query limits, error masking, direct subgraph access. */
describe('gateway: authentication, limits and masking', () => {
  let sys: TestSystem;
  let token: string;

  beforeAll(async () => {
    sys = await sharedSystem();
    token = await sys.token(newOffice());
  });

  it('refuses a malformed, forged or expired bearer token with 401 and a reason', async () => {
    for (const bad of [
      'garbage',
      await mintToken(newOffice(), 'another-secret'),
      await mintToken(newOffice(), 'dev-only-jwt-secret-change-me', '-1s'),
    ]) {
      const res = await sys.gql(bad, `{ clients { totalCount } }`);
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('rejects queries deeper than the limit before they reach a subgraph', async () => {
    // The production limit (10): a client's CODA mandates name their client, so the schema's real
    // paths go as deep as a caller likes.
    const nested = (depth: number): string =>
      depth === 0 ? 'id' : `codaMandates { client { ${nested(depth - 1)} } }`;
    expect((await sys.gql(token, `{ clients { edges { node { ${nested(3)} } } } }`)).errors).toBeUndefined();
    const res = await sys.gql(
      token,
      `{ clients { edges { node { ${nested(4)} } } } }`,
      {},
      'deep-query-0001',
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
    expect(sys.sqlStatements('deep-query-0001')).toBe(0);
  });

  it('rejects too many aliases and malformed JSON bodies with 4xx', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: clients { totalCount }`).join(' ');
    const res = await sys.gql(token, `{ ${aliases} }`);
    expect(res.status).toBe(400);
    const raw = await fetch(sys.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(raw.status).toBe(400);
  });

  it('refuses direct calls to a subgraph that lack a valid gateway signature', async () => {
    for (const url of Object.values(sys.subgraphUrls)) {
      const body = JSON.stringify({ query: '{ _service { sdl } }' });
      const unsigned = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(unsigned.status).toBe(401);
      const forged = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-fidu-principal': await mintToken(newOffice(), 'dev-only-jwt-secret-change-me'),
        },
        body,
      });
      expect(forged.status).toBe(403);
    }
  });

  it('never shows stack traces or internal addresses in errors', async () => {
    const res = await sys.gql(token, `{ client(id: "not-a-uuid") { id } }`);
    const text = JSON.stringify(res.errors);
    expect(text).not.toMatch(/stacktrace|127\.0\.0\.1|http:\/\//);
  });
});
