import { parseArgs } from 'node:util';
import type { PartnerType, Principal } from '@fidu/service-kit';

export const PRINCIPAL_USAGE =
  '--office <id> | --partner <TYPE>:<id> | --company <id> | --voucher-user <id> | --operator <id>';

/** The principal named on a dev command's line (token, demo-subscribe); other options are returned as given. */
export function principalFromArgs(
  argv: string[],
  extra: Record<string, { type: 'string' }> = {},
): { principal: Principal; values: Record<string, string | undefined> } {
  const { values } = parseArgs({
    args: argv,
    options: {
      office: { type: 'string' },
      user: { type: 'string', default: 'demo-user' },
      partner: { type: 'string' },
      company: { type: 'string' },
      'voucher-user': { type: 'string' },
      operator: { type: 'string' },
      ...extra,
    },
  });
  const v = values as Record<string, string | undefined>;
  const principal = ((): Principal => {
    if (v.office)
      return { kind: 'office', officeId: v.office, userId: v.user ?? 'demo-user', roles: ['admin'] };
    if (v.partner) {
      const [partnerType, partnerId] = v.partner.split(':');
      return { kind: 'partner', partnerType: partnerType as PartnerType, partnerId: partnerId ?? '' };
    }
    if (v.company) return { kind: 'company', companyId: v.company };
    if (v['voucher-user']) return { kind: 'voucher_user', voucherUserId: v['voucher-user'] };
    if (v.operator) return { kind: 'operator', userId: v.operator };
    throw new Error(`usage: ${PRINCIPAL_USAGE}`);
  })();
  return { principal, values: v };
}
