import { DEFAULT_TOKEN_POLICY, InvalidTokenError, mintToken } from '@fidu/service-kit/bearer-token';
import { createTokenVerifier } from './verified-tokens';

const SECRET = 'verified-tokens-spec-secret';
const principal = { kind: 'office' as const, officeId: 'o-1', userId: 'u-1', roles: ['admin'] };

describe('verified tokens: remembered once verified, never past their expiry', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a token it verified with the same principal, which nobody can change', async () => {
    const verify = createTokenVerifier(SECRET, DEFAULT_TOKEN_POLICY);
    const token = await mintToken(principal, SECRET, '60s');
    const first = await verify(token);
    expect(first).toEqual(principal);
    expect(await verify(token)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as { roles: string[] }).roles.push('operator')).toThrow(TypeError);
  });

  it('refuses a remembered token from its expiry on, as verification does', async () => {
    const verify = createTokenVerifier(SECRET, DEFAULT_TOKEN_POLICY);
    const token = await mintToken(principal, SECRET, '60s');
    await verify(token);
    // Only Date moves: the token is 61 s old.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'] });
    jest.setSystemTime(Date.now() + 61_000);
    await expect(verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses a forged or altered token, even after the genuine one was remembered', async () => {
    const verify = createTokenVerifier(SECRET, DEFAULT_TOKEN_POLICY);
    const token = await mintToken(principal, SECRET, '60s');
    await verify(token);
    // One character in the middle of the signature (its last one carries bits that decoding drops).
    const at = token.length - 20;
    const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    await expect(verify(altered)).rejects.toThrow(InvalidTokenError);
    await expect(verify(await mintToken(principal, 'another-secret', '60s'))).rejects.toThrow(
      InvalidTokenError,
    );
  });
});
