import { SignJWT, type JWTPayload } from 'jose';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import { subscribe, type TestSubscriber } from '../subscriptions-support/subscriber';

/**
 * Tokens signed with the gateway's own secret that are still refused: no expiry, no issuer, a
 * lifetime above the maximum, or principal claims of the wrong type. HTTP answers 401
 * UNAUTHENTICATED; a graphql-ws connection is closed with 4401.
 */
describe('gateway: bearer tokens must expire, name the issuer and carry well-typed claims', () => {
  let sys: TestSystem;
  const subscribers: TestSubscriber[] = [];
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(sys.jwtSecret));
  const office = { kind: 'office', office_id: crypto.randomUUID(), roles: ['admin'] };
  const registered = () => ({ iss: 'fidu', sub: 'user-1', iat: now(), exp: now() + 600 });

  beforeAll(async () => {
    sys = await sharedSystem();
  });
  afterAll(() => Promise.all(subscribers.map((s) => s.dispose())));

  it('serves a well-formed token (the reference the refusals differ from by one claim)', async () => {
    const res = await sys.gql(await sign({ ...registered(), ...office }), `{ clients { totalCount } }`);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  it('refuses over HTTP a token without exp, without iss, living too long or with mistyped claims', async () => {
    const { exp: _exp, ...withoutExp } = registered();
    const { iss: _iss, ...withoutIss } = registered();
    const bad = {
      'no exp': { ...withoutExp, ...office },
      'no iss': { ...withoutIss, ...office },
      'a lifetime of a year': { ...registered(), exp: now() + 365 * 24 * 3600, ...office },
      'an object as office_id': { ...registered(), ...office, office_id: { $ne: null } },
      'a string as roles': { ...registered(), ...office, roles: 'admin' },
    };
    for (const [what, claims] of Object.entries(bad)) {
      const res = await sys.gql(await sign(claims), `{ clients { totalCount } }`);
      expect({ what, status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({
        what,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      expect(res.data).toBeUndefined();
    }
  });

  it('closes a graphql-ws connection whose token never expires or has mistyped claims', async () => {
    // The federation is the worker's: files before this one may have subscribers still closing.
    const listenersBefore = sys.gateway.subscriptions.listenerCount();
    const { exp: _exp, ...withoutExp } = registered();
    for (const claims of [
      { ...withoutExp, ...office },
      { ...registered(), ...office, office_id: { $ne: null } },
    ]) {
      const s = subscribe(sys.gatewayUrl, await sign(claims), `subscription { clientChanged { clientId } }`);
      subscribers.push(s);
      await eventually('the connection was closed', async () => s.closed !== undefined);
      expect(s.closed?.code).toBe(4401);
      expect(s.received).toEqual([]);
    }
    expect(sys.gateway.subscriptions.listenerCount()).toBeLessThanOrEqual(listenersBefore);
  });

  it('keeps the tokens the test helpers and the token command mint valid', async () => {
    const res = await sys.gql(await sys.token(newOffice()), `{ clients { totalCount } }`);
    expect(res.errors).toBeUndefined();
  });
});
