import { signLink, verifyLink } from './signed-link';

const key = { secret: 's3cret', purpose: 'invoice-pdf' };
const grant = { invoiceId: 'i1', officeId: 'o1' };

describe('signed links (jose, HS256)', () => {
  it('round-trips a grant before it expires, as a URL-safe token', async () => {
    const token = await signLink(grant, key, 2_000_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await verifyLink(token, key, 1_000_000)).toEqual(grant);
  });

  it('refuses an expired link, another secret, another purpose, a tampered grant and garbage', async () => {
    const token = await signLink(grant, key, 2_000_000);
    expect(await verifyLink(token, key, 2_000_000)).toBeNull();
    expect(await verifyLink(token, { ...key, secret: 'other' }, 1_000_000)).toBeNull();
    expect(await verifyLink(token, { ...key, purpose: 'prestation-export' }, 1_000_000)).toBeNull();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ grant: { ...grant, officeId: 'o2' }, aud: key.purpose, exp: 9e9 }),
    ).toString('base64url');
    expect(await verifyLink(`${header}.${forged}.${signature}`, key, 1_000_000)).toBeNull();
    expect(await verifyLink('garbage', key, 1_000_000)).toBeNull();
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forged}.`;
    expect(await verifyLink(unsigned, key, 1_000_000)).toBeNull();
  });
});
