import { signDownload, verifyDownload, type DownloadGrant } from './download-token';

const grant: DownloadGrant = {
  file: { kind: 'export', exportId: 'e1' },
  officeId: 'o1',
  format: 'FEC',
  exp: 2_000,
};

describe('download tokens', () => {
  it('round-trips a grant before it expires', () => {
    expect(verifyDownload(signDownload(grant, 's'), 's', 1_000)).toEqual(grant);
  });

  it('refuses expired, forged or tampered tokens', () => {
    const token = signDownload(grant, 's');
    expect(verifyDownload(token, 's', 2_000)).toBeNull();
    expect(verifyDownload(token, 'other', 1_000)).toBeNull();
    const [, sig] = token.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ ...grant, officeId: 'o2' })).toString('base64url')}.${sig}`;
    expect(verifyDownload(tampered, 's', 1_000)).toBeNull();
    expect(verifyDownload('garbage', 's', 1_000)).toBeNull();
  });
});
