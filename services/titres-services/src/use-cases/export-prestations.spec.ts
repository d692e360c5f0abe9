import { exportLine } from '../domain/prestation-export';
import { verifyExportToken } from './export-prestations';

describe('prestation export', () => {
  it('writes the status code and label of the state on each line, quoting what needs it', () => {
    const line = exportLine({
      id: 'p-1',
      performedOn: '2026-11-20',
      hours: 5,
      activity: 'CLEANING',
      worker: 'Martin; Zoé',
      voucherUser: 'Peeters Jeanne',
      encodedBy: 'WORKER',
      state: 'PARTIALLY_REIMBURSED',
      attributed: 2,
      requested: 2,
      createdAt: new Date('2026-11-20T10:00:00Z'),
    });
    expect(line).toBe(
      'p-1;2026-11-20;5;CLEANING;"Martin; Zoé";Peeters Jeanne;WORKER;17;Partiellement remboursée;5;2;3;2;0;2026-11-20T10:00:00.000Z\n',
    );
  });

  it('refuses forged and expired links', async () => {
    expect(await verifyExportToken('garbage', 'secret')).toBeNull();
    const body = Buffer.from(
      JSON.stringify({ companyId: 'c', from: null, to: null, exp: Date.now() + 1000 }),
    ).toString('base64url');
    expect(await verifyExportToken(`${body}.forged`, 'secret')).toBeNull();
  });
});
