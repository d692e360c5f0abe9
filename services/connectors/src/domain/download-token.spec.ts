import { signDownload, verifyDownload, type DownloadGrant } from './download-token';

const grant: DownloadGrant = {
  file: { kind: 'export', exportId: 'e1' },
  officeId: 'o1',
  format: 'FEC',
  exp: 2_000,
};

describe('download tokens', () => {
  it('round-trips a grant before it expires', async () => {
    expect(await verifyDownload(await signDownload(grant, 's'), 's', 1_000)).toEqual(grant);
  });

  it('refuses expired, forged or tampered tokens', async () => {
    const token = await signDownload(grant, 's');
    expect(await verifyDownload(token, 's', 2_000)).toBeNull();
    expect(await verifyDownload(token, 'other', 1_000)).toBeNull();
    const [header, , sig] = token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ grant: { ...grant, officeId: 'o2' }, aud: 'connectors-download', exp: 9e9 })).toString('base64url')}.${sig}`;
    expect(await verifyDownload(tampered, 's', 1_000)).toBeNull();
    expect(await verifyDownload('garbage', 's', 1_000)).toBeNull();
  });
});
