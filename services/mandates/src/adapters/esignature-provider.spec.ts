import { createLocalESignatureProvider, signLocally } from './esignature-provider';

describe('local e-signature provider', () => {
  const provider = createLocalESignatureProvider('secret-1');

  it('issues distinct links that expire', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const a = provider.createSigningLink({ mandateId: 'm', documentVersion: 1, signerEmail: null }, now);
    const b = provider.createSigningLink({ mandateId: 'm', documentVersion: 1, signerEmail: null }, now);
    expect(a.token).not.toBe(b.token);
    expect(a.url.endsWith(a.token)).toBe(true);
    expect(a.expiresAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it('accepts its own callbacks and refuses forged or altered ones', () => {
    const callback = signLocally('secret-1', 'tok', 'Jean Dupont');
    expect(provider.verifyCallback(callback)).toBe(true);
    expect(provider.verifyCallback({ ...callback, signerName: 'Someone else' })).toBe(false);
    expect(provider.verifyCallback(signLocally('other-secret', 'tok', 'Jean Dupont'))).toBe(false);
    expect(provider.verifyCallback({ ...callback, signature: 'nope' })).toBe(false);
  });
});
