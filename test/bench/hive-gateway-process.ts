/**
 * Hive Gateway, the peer of the gateway comparison (gateway-peers.bench.ts), in its own process:
 * `hive-js` plans with its JavaScript planner, `hive-rust` with the Rust query planner of
 * @graphql-hive/router-runtime. It serves our own supergraph (gateway/supergraph.graphql, with the
 * subgraph URLs of this run) and signs every upstream request exactly as our gateway does: the
 * caller's bearer token verified once per request, the principal signed per subgraph fetch
 * (signPrincipal, the same secrets), and the request id forwarded.
 *
 * In-flight deduplication is off: it is keyed without the headers set per fetch, so two offices
 * asking the same query at the same moment would get each other's data.
 * Argv: `hive-js|hive-rust`; env: `SUBGRAPH_URLS` (JSON name → URL). Reports `{ type: 'ready', url }`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { readConfig } from '@fidu/gateway';
import { verifyBearerToken } from '@fidu/service-kit/bearer-token';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER, signPrincipal, type Principal } from '@fidu/service-kit';

const planner = process.argv[2];
const urls = JSON.parse(process.env.SUBGRAPH_URLS ?? '{}') as Record<string, string>;
const config = readConfig({ NODE_ENV: 'test' });

/** Our supergraph with this run's subgraph URLs in its join__graph directives. */
function supergraphFile(): string {
  const source = readFileSync(config.supergraphPath, 'utf8');
  const sdl = source.replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
  const path = join(tmpdir(), `supergraph-${process.pid}.graphql`);
  writeFileSync(path, sdl);
  return path;
}

interface Caller {
  principal: Principal;
  requestId: string;
}

/** The caller of each incoming request, verified once (as our gateway's context does). */
const callers = new WeakMap<Request, Promise<Caller | undefined>>();

function callerOf(request: Request): Promise<Caller | undefined> {
  let caller = callers.get(request);
  if (!caller) {
    const token = request.headers.get('authorization')?.replace(/^Bearer /i, '');
    const requestId = request.headers.get(REQUEST_ID_HEADER) ?? randomUUID();
    caller = token
      ? verifyBearerToken(token, config.jwtSecret).then((principal) => ({ principal, requestId }))
      : Promise.resolve(undefined);
    callers.set(request, caller);
  }
  return caller;
}

/** Signs each upstream fetch with the caller's principal, like SignedPrincipalDataSource. */
const signPrincipalPlugin: GatewayPlugin = {
  async onFetch({ context, options, setOptions }) {
    const request = (context as { request?: Request }).request;
    if (!request) return;
    const caller = await callerOf(request);
    if (!caller) return;
    setOptions({
      ...options,
      headers: {
        ...(options.headers as Record<string, string>),
        [PRINCIPAL_HEADER]: await signPrincipal(
          caller.principal,
          caller.requestId,
          config.gatewaySigningSecret,
        ),
        [REQUEST_ID_HEADER]: caller.requestId,
      },
    });
  },
};

const gateway = createGatewayRuntime({
  supergraph: supergraphFile(),
  ...(planner === 'hive-rust' ? { unifiedGraphHandler } : {}),
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  plugins: () => [signPrincipalPlugin],
  logging: 'error',
});

const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}/graphql` });
});
process.on('message', (message: string) => {
  if (message === 'stop')
    server.close(() => void Promise.resolve(gateway.dispose()).then(() => process.exit(0)));
});
