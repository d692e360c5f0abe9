import { actorOf, type Principal } from './principal';

describe('actorOf: one actor format in every service', () => {
  it.each([
    [{ kind: 'office', officeId: 'o1', userId: 'u1', roles: [] }, 'office:o1/u1'],
    [{ kind: 'partner', partnerType: 'BANK', partnerId: 'kbc' }, 'partner:BANK:kbc'],
    [{ kind: 'operator', userId: 'ops-1' }, 'operator:ops-1'],
    [{ kind: 'company', companyId: 'c1' }, 'company:c1'],
    [{ kind: 'voucher_user', voucherUserId: 'v1' }, 'voucher_user:v1'],
    [{ kind: 'anonymous' }, 'anonymous'],
  ] as [Principal, string][])('%j → %s', (principal, actor) => {
    expect(actorOf(principal)).toBe(actor);
  });
});
