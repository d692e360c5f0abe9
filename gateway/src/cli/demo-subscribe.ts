/**
 * Dev command: opens the subscriptions a principal can have on a running gateway and prints every
 * event as it arrives (one JSON line each), until Ctrl-C.
 *
 *   node gateway/dist/cli/demo-subscribe.js --partner SOCIAL_SECRETARIAT:<id>
 *   node gateway/dist/cli/demo-subscribe.js --office office-demo-brussels [--url ws://127.0.0.1:4000/graphql]
 *   node gateway/dist/cli/demo-subscribe.js --company <id> --query 'subscription { … }'
 *
 * Mints its token with JWT_SECRET (dev default outside production), like `npm run token`.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { mintToken } from '@fidu/service-kit/bearer-token';
import { readConfig } from '../config';
import { FEEDS } from '../subscriptions/feeds';
import { mayFollow } from '../subscriptions/feed';
import { PRINCIPAL_USAGE, principalFromArgs } from './principal-args';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { principal, values } = principalFromArgs(process.argv.slice(2), {
    url: { type: 'string' },
    query: { type: 'string' },
  });
  const config = readConfig();
  const url = values.url ?? `ws://127.0.0.1:${config.port}/graphql`;
  const queries = values.query
    ? [{ field: 'custom', query: values.query }]
    : FEEDS.filter((f) => mayFollow(f, principal)).map((f) => ({
        field: f.field,
        query: f.example,
      }));
  if (queries.length === 0) throw new Error(`this principal has no subscriptions (${PRINCIPAL_USAGE})`);
  const token = await mintToken(principal, config.jwtSecret, '12h', config.tokens.issuer);
  let stopping = false;
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: Infinity,
    shouldRetry: (event) =>
      (event as { code?: number }).code !== 4401 && (event as { code?: number }).code !== 4403,
    on: {
      connected: () =>
        say(
          `connected to ${url} as ${JSON.stringify(principal)}; listening to ${queries.map((q) => q.field).join(', ')} (Ctrl-C to stop)`,
        ),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        say(
          `connection closed: ${code} ${reason || ''}${code === 4401 || code === 4403 || stopping ? '' : ' (retrying)'}`.replace(
            /\s+/g,
            ' ',
          ),
        );
      },
    },
  });
  for (const { field, query } of queries) {
    client.subscribe(
      { query },
      {
        next: (value) => say(JSON.stringify({ at: new Date().toISOString(), field, ...value })),
        error: (error) => {
          say(`${field}: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
          if (
            Array.isArray(error) ||
            (error as { code?: number }).code === 4401 ||
            (error as { code?: number }).code === 4403
          )
            process.exitCode = 1;
        },
        complete: () => stopping || say(`${field}: completed`),
      },
    );
  }
  const stop = () => {
    stopping = true;
    // Disposing a connection that never opened rejects with its error event: nothing left to report.
    void Promise.resolve()
      .then(() => client.dispose())
      .catch(() => undefined)
      .then(() => process.exit(Number(process.exitCode ?? 0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
