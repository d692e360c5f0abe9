/**
 * Dev command: prints a bearer token. `npm run token -- --office <id>`, `--partner SOCIAL_SECRETARIAT:<id>`,
 * `--company <id>`, `--voucher-user <id>`, `--operator <id>`. Uses JWT_SECRET (dev default outside production).
 */
import { parseArgs } from 'node:util';
import type { PartnerType, Principal } from '@fidu/service-kit';
import { mintToken } from '../auth/bearer-token';
import { readConfig } from '../config';

function principalFrom(argv: string[]): Principal {
  const { values } = parseArgs({
    args: argv,
    options: {
      office: { type: 'string' },
      user: { type: 'string', default: 'demo-user' },
      partner: { type: 'string' },
      company: { type: 'string' },
      'voucher-user': { type: 'string' },
      operator: { type: 'string' },
    },
  });
  if (values.office) return { kind: 'office', officeId: values.office, userId: values.user ?? 'demo-user', roles: ['admin'] };
  if (values.partner) {
    const [partnerType, partnerId] = values.partner.split(':');
    return { kind: 'partner', partnerType: partnerType as PartnerType, partnerId: partnerId ?? '' };
  }
  if (values.company) return { kind: 'company', companyId: values.company };
  if (values['voucher-user']) return { kind: 'voucher_user', voucherUserId: values['voucher-user'] };
  if (values.operator) return { kind: 'operator', userId: values.operator };
  throw new Error('usage: token -- --office <id> | --partner <TYPE>:<id> | --company <id> | --voucher-user <id> | --operator <id>');
}

mintToken(principalFrom(process.argv.slice(2)), readConfig().jwtSecret)
  .then((token) => process.stdout.write(`${token}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
