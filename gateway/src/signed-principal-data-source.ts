import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER, signPrincipal, type Logger } from '@fidu/service-kit';
import type { GatewayContext } from './context';
import type { Fetcher } from './subgraph-fetcher';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export interface SubgraphDataSourceOptions {
  /** The subgraph's name, for the logs. */
  name: string;
  signingSecret: string;
  fetcher: Fetcher;
  log: Logger;
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
function operationSelection(
  document: DocumentNode | undefined,
  query: string | undefined,
): SelectionSetNode | undefined {
  let doc = document;
  if (!doc && query) {
    try {
      doc = parse(query);
    } catch {
      return undefined;
    }
  }
  const operation = doc?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
}

/**
 * What callers get for a fetch that failed: one error per field the fetch left null, each with the
 * path the gateway maps into the incoming response (entity paths are hydrated by the gateway from
 * `_entities.<index>`). Never the subgraph's URL or the underlying error.
 */
function failedFetchResponse(
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
  code: string,
): GatewayGraphQLResponse {
  const representations = options.request.variables?.representations;
  const entityCount = Array.isArray(representations) ? representations.length : 0;
  const fields = selectedFields(
    operationSelection('document' in options ? options.document : undefined, options.request.query),
    entityCount > 0,
  );
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
 */
export class SignedPrincipalDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;

  constructor(url: string, options: SubgraphDataSourceOptions) {
    super({ url, fetcher: options.fetcher });
    this.options = options;
  }

  override async willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const ctx = context as Partial<GatewayContext>;
    if (!ctx.principal || !ctx.requestId || !request.http) return;
    request.http.headers.set(
      PRINCIPAL_HEADER,
      await signPrincipal(ctx.principal, ctx.requestId, this.options.signingSecret),
    );
    request.http.headers.set(REQUEST_ID_HEADER, ctx.requestId);
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const { code, status } = causeOf(error);
      this.options.log.error(
        {
          err: error,
          subgraph: this.options.name,
          requestId: (options.context as Partial<GatewayContext>).requestId,
          code,
          status,
          operation: options.request.operationName,
        },
        `subgraph fetch failed: ${this.options.name} (${code ?? status ?? 'unknown cause'})`,
      );
      const unavailable = status === undefined || status >= 500;
      return failedFetchResponse(options, unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR');
    }
  }
}
