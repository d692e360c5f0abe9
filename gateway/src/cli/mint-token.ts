/**
 * Dev command: prints a bearer token. `npm run token -- --office <id>`, `--partner SOCIAL_SECRETARIAT:<id>`,
 * `--company <id>`, `--voucher-user <id>`, `--operator <id>`. Uses JWT_SECRET (dev default outside production).
 */
import { mintToken } from '../auth/bearer-token';
import { readConfig } from '../config';
import { principalFromArgs } from './principal-args';

Promise.resolve()
  .then(() => mintToken(principalFromArgs(process.argv.slice(2)).principal, readConfig().jwtSecret))
  .then((token) => process.stdout.write(`${token}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
