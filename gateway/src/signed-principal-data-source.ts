import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER, signPrincipal, type Logger } from '@fidu/service-kit';
import type { GatewayContext } from './context';
import { fetchAllowanceMs } from './fetch-allowance';
import { errorFromResponse, parseBody, restrictCachePolicy } from './subgraph-answer';
import { SubgraphCircuitOpenError, type Fetcher } from './subgraph-fetcher';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** How long the signature of one request is reused by its later fetches (tokens live 60 s). */
const SIGNATURE_REUSE_MS = 10_000;

/** Each incoming request's signed principal, keyed by its context (one object per request, all subgraphs). */
const signatures = new WeakMap<GatewayContext, { token: Promise<string>; at: number }>();

export interface SubgraphDataSourceOptions {
  /** The subgraph's name, for the logs. */
  name: string;
  signingSecret: string;
  fetcher: Fetcher;
  log: Logger;
  /** Deadlines of one fetch: the default, and that of the long-running mutations. */
  timeouts: { timeoutMs: number; longTimeoutMs: number };
}

/** Response keys selected by a fetch: the root fields, or the entity fields under `_entities`. */
function selectedFields(selectionSet: SelectionSetNode | undefined, entities: boolean): string[] {
  const keys = new Set<string>();
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (entities && selection.name.value === '_entities') {
        for (const key of selectedFields(selection.selectionSet, false)) keys.add(key);
      } else if (selection.name.value !== '__typename')
        keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      for (const key of selectedFields(selection.selectionSet, false)) keys.add(key);
    }
  }
  return [...keys];
}

/** The fetch's operation: the plan's document when the gateway exposes it, else its query text parsed. */
function operationOf(
  document: DocumentNode | undefined,
  query: string | undefined,
): OperationDefinitionNode | undefined {
  let doc = document;
  if (!doc && query) {
    try {
      doc = parse(query);
    } catch {
      return undefined;
    }
  }
  const operation = doc?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation : undefined;
}

/**
 * What callers get for a fetch that failed: one error per field the fetch left null, each with the
 * path the gateway maps into the incoming response (entity paths are hydrated by the gateway from
 * `_entities.<index>`). Never the subgraph's URL or the underlying error.
 */
function failedFetchResponse(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
  operation: OperationDefinitionNode | undefined,
  code: string,
): GatewayGraphQLResponse {
  const representations = options.request.variables?.representations;
  const entityCount = Array.isArray(representations) ? representations.length : 0;
  const fields = selectedFields(operation?.selectionSet, entityCount > 0);
  const message =
    code === 'SERVICE_UNAVAILABLE' ? 'A part of the service is temporarily unavailable.' : 'Internal error';
  const error = (path: (string | number)[] | undefined) => ({ message, path, extensions: { code } });
  if (fields.length === 0) return { errors: [error(undefined)] };
  if (entityCount === 0) return { errors: fields.map((field) => error([field])) };
  return {
    errors: Array.from({ length: entityCount }, (_, i) =>
      fields.map((field) => error(['_entities', i, field])),
    ).flat(),
  };
}

/** The cause worth logging: a network code (ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET…) or an HTTP status. */
function causeOf(error: unknown): { code?: string; status?: number } {
  const e = error as {
    code?: unknown;
    cause?: { code?: unknown };
    extensions?: { response?: { status?: unknown } };
  };
  const code =
    typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' ? e.code : undefined;
  const status =
    typeof e.extensions?.response?.status === 'number' ? e.extensions.response.status : undefined;
  return { code, status };
}

/**
 * Forwards every subgraph request with the caller's principal, signed, and the request id. A fetch
 * that fails (network or non-2xx) is logged with its cause and becomes partial-data errors with paths.
 *
 * What Apollo's RemoteGraphQLDataSource did for a fetch (JSON body, status check, JSON answer, cache
 * hint), without its node-fetch Headers and Request objects per fetch (the Request built only for
 * its error hooks): those were a measurable share of the gateway's CPU per request.
 */
export class SignedPrincipalDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    readonly url: string,
    private readonly options: SubgraphDataSourceOptions,
  ) {}

  /**
   * The signed principal of one incoming request, shared by every fetch of its plan: the token
   * names the principal and the request id, nothing per subgraph, so signing it once per request
   * spares an HMAC-JWT per fetch. Re-signed past SIGNATURE_REUSE_MS, so a fetch late in a long
   * request never carries a signature close to its 60 s expiry.
   */
  private signatureFor(context: GatewayContext): Promise<string> {
    const cached = signatures.get(context);
    if (cached && performance.now() - cached.at < SIGNATURE_REUSE_MS) return cached.token;
    const token = signPrincipal(context.principal, context.requestId, this.options.signingSecret);
    signatures.set(context, { token, at: performance.now() });
    // A failed signature is not kept: the next fetch tries again.
    token.catch(() => signatures.delete(context));
    return token;
  }

  /** One fetch of the plan: signed, sent within `timeoutMs`, its JSON answer (or a thrown error). */
  private async send(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    timeoutMs: number,
  ): Promise<GatewayGraphQLResponse> {
    const { http, ...payload } = options.request;
    if (!payload.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    // What the gateway itself asks of the fetch (a trace header when it collects federated traces).
    for (const [name, value] of http?.headers ?? []) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    const ctx = options.context as Partial<GatewayContext>;
    if (ctx.principal && ctx.requestId) {
      headers[PRINCIPAL_HEADER] = await this.signatureFor(ctx as GatewayContext);
      headers[REQUEST_ID_HEADER] = ctx.requestId;
    }
    const response = await this.options.fetcher(this.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      timeoutMs,
    });
    if (!response.ok) throw await errorFromResponse(response);
    const body = await parseBody(response);
    if (typeof body !== 'object' || body === null)
      throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    restrictCachePolicy(options, response);
    return body as GatewayGraphQLResponse;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const operation = operationOf(
      'document' in options ? options.document : undefined,
      options.request.query,
    );
    const timeoutMs = fetchAllowanceMs(operation, this.options.timeouts);
    try {
      const response = await this.send(options, timeoutMs);
      // A read that met a passing database failure (a terminated connection, a failover) is safe to
      // run again once; a write is not: its retryable error goes to the caller.
      if (operation?.operation !== 'query' || !response.errors?.some((e) => e.extensions?.retryable === true))
        return response;
      this.options.log.warn(
        { subgraph: this.options.name, requestId: (options.context as Partial<GatewayContext>).requestId },
        `subgraph read retried after a transient failure: ${this.options.name}`,
      );
      return await this.send(options, timeoutMs);
    } catch (error) {
      const { code, status } = causeOf(error);
      const details = {
        subgraph: this.options.name,
        requestId: (options.context as Partial<GatewayContext>).requestId,
        code,
        status,
        operation: options.request.operationName,
      };
      // An open circuit is the breaker doing its job: one line, no stack, for every refused fetch.
      if (error instanceof SubgraphCircuitOpenError)
        this.options.log.warn(details, `subgraph fetch refused, circuit open: ${this.options.name}`);
      else
        this.options.log.error(
          { ...details, err: error },
          `subgraph fetch failed: ${this.options.name} (${code ?? status ?? 'unknown cause'})`,
        );
      const unavailable = status === undefined || status >= 500;
      return failedFetchResponse(
        options,
        operation,
        unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR',
      );
    }
  }
}
