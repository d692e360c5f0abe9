/**
 * Dev command: prints a bearer token. `npm run token -- --office <id>`, `--partner SOCIAL_SECRETARIAT:<id>`,
 * `--company <id>`, `--voucher-user <id>`, `--operator <id>`. Uses JWT_SECRET (dev default outside production)
 * and JWT_ISSUER; the token lives 12 h (within the gateway's JWT_MAX_LIFETIME_SECONDS default of 24 h).
 */
import { mintToken } from '@fidu/service-kit/bearer-token';
import { readConfig } from '../config';
import { principalFromArgs } from './principal-args';

Promise.resolve()
  .then(() => {
    const config = readConfig();
    return mintToken(
      principalFromArgs(process.argv.slice(2)).principal,
      config.jwtSecret,
      '12h',
      config.tokens.issuer,
    );
  })
  .then((token) => process.stdout.write(`${token}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
