import {
  defaultFieldResolver,
  GraphQLError,
  Kind,
  Lexer,
  print,
  Source,
  TokenKind,
  visit,
  type ASTNode,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { Logger, Principal } from '@fidu/service-kit';
import type { SupergraphLink } from './feed';

/** Runs one operation on the gateway's own federated executor, as `principal`. */
export type ExecuteQuery = (
  request: { query: string; variables: Record<string, unknown> },
  principal: Principal,
  requestId: string,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

/** A subscriber's selection on a supergraph object, made self-contained (fragments, variables). */
export interface DelegatedSelection {
  /** `{ … __typename }`, printed. */
  selectionSet: string;
  /** The fragment definitions it uses, printed. */
  fragments: string;
  /** Declarations of the operation variables it uses, e.g. `$first: Int`. */
  variableDefinitions: string[];
  variables: Record<string, unknown>;
  /** Aliases and tokens of one copy, to size batches under the gateway's limits. */
  aliases: number;
  tokens: number;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** Objects that came from the supergraph: their fields are read by response key (aliases kept). */
const delegated = new WeakSet<object>();
/** Errors the supergraph reported under a delegated object, by response key. */
const delegatedErrors = new WeakMap<object, Map<string, GraphQLFormattedError>>();

function countTokens(text: string): number {
  const lexer = new Lexer(new Source(text));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

const shapes = new WeakMap<FieldNode, Omit<DelegatedSelection, 'variables'>>();

/** The selection under the link field of one subscriber, ready to be sent to the supergraph. */
export function delegatedSelectionOf(info: GraphQLResolveInfo): DelegatedSelection {
  const first = info.fieldNodes[0] as FieldNode;
  let shape = shapes.get(first);
  if (!shape) {
    const merged: SelectionSetNode = {
      kind: Kind.SELECTION_SET,
      selections: info.fieldNodes.flatMap((n) => n.selectionSet?.selections ?? []),
    };
    // __typename everywhere, so abstract types resolve locally from the delegated objects.
    const withTypename = visit(merged, {
      SelectionSet: (node) =>
        node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias)
          ? undefined
          : { ...node, selections: [...node.selections, TYPENAME] },
    });
    const fragmentNames = new Set<string>();
    const variableNames = new Set<string>();
    const collect = (node: ASTNode) =>
      visit(node, {
        FragmentSpread: (spread) => {
          if (fragmentNames.has(spread.name.value)) return;
          fragmentNames.add(spread.name.value);
          const definition = info.fragments[spread.name.value];
          if (definition) collect(definition);
        },
        Variable: (variable) => {
          variableNames.add(variable.name.value);
        },
      });
    collect(merged);
    const fragments = [...fragmentNames].map((name) => info.fragments[name]).filter((f) => f !== undefined);
    const selectionSet = print(withTypename);
    const printedFragments = fragments
      .map((f) =>
        print(
          visit(f, { SelectionSet: (node) => ({ ...node, selections: [...node.selections, TYPENAME] }) }),
        ),
      )
      .join('\n');
    let aliases = 0;
    for (const node of [merged, ...fragments]) visit(node, { Field: (f) => void (f.alias && aliases++) });
    shape = {
      selectionSet,
      fragments: printedFragments,
      variableDefinitions: (info.operation.variableDefinitions ?? [])
        .filter((d) => variableNames.has(d.variable.name.value))
        .map((d) => print(d)),
      aliases,
      tokens: countTokens(`${selectionSet} ${printedFragments}`) + 8,
    };
    shapes.set(first, shape);
  }
  const variables: Record<string, unknown> = {};
  for (const definition of shape.variableDefinitions) {
    const name = definition.slice(1, definition.indexOf(':')).trim();
    variables[name] = info.variableValues[name];
  }
  return { ...shape, variables };
}

/**
 * Field resolver for subscription execution: objects fetched from the supergraph are read by
 * response key (so aliases work) and raise the error the supergraph gave for that field.
 */
export const subscriptionFieldResolver: GraphQLFieldResolver<unknown, unknown> = (
  source,
  args,
  context,
  info,
) => {
  if (typeof source === 'object' && source !== null && delegated.has(source)) {
    const key = String(info.path.key);
    const error = delegatedErrors.get(source)?.get(key);
    if (error) throw new GraphQLError(error.message, { extensions: error.extensions });
    return (source as Record<string, unknown>)[key];
  }
  return defaultFieldResolver(source, args, context, info);
};

function markDelegated(value: unknown): void {
  if (Array.isArray(value)) value.forEach(markDelegated);
  else if (typeof value === 'object' && value !== null) {
    delegated.add(value);
    Object.values(value).forEach(markDelegated);
  }
}

/** Attaches an error at `path` (below the item) to the object holding its last key. */
function attachError(item: unknown, path: readonly (string | number)[], error: GraphQLFormattedError): void {
  let holder: unknown = item;
  for (const key of path.slice(0, -1)) holder = (holder as Record<string | number, unknown> | null)?.[key];
  if (typeof holder !== 'object' || holder === null) return;
  const key = String(path[path.length - 1]);
  const errors = delegatedErrors.get(holder) ?? new Map<string, GraphQLFormattedError>();
  errors.set(key, error);
  delegatedErrors.set(holder, errors);
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Group {
  principal: Principal;
  link: SupergraphLink;
  selection: DelegatedSelection;
  waiters: Map<string, Waiter[]>;
}

/**
 * Resolves supergraph objects for subscription payloads. Loads requested in the same turn of the
 * event loop (one event reaching many subscribers, or a burst of events) are grouped by principal
 * and selection; each group is fetched with as few operations as the gateway's alias and token
 * limits allow (`item0: client(id: $id0) {…} item1: …`), each id once.
 */
export class SupergraphLoader {
  private pending = new Map<string, Group>();
  private scheduled = false;
  private sequence = 0;
  /** Operations sent to the supergraph so far (tests and benchmark). */
  operations = 0;

  constructor(
    private readonly execute: ExecuteQuery,
    private readonly limits: { maxAliases: number; maxTokens: number },
    private readonly log: Logger,
  ) {}

  load(
    principal: Principal,
    link: SupergraphLink,
    selection: DelegatedSelection,
    id: string,
  ): Promise<unknown> {
    const key = JSON.stringify([
      principal,
      link.queryField,
      link.idArgument,
      selection.selectionSet,
      selection.fragments,
      selection.variables,
    ]);
    let group = this.pending.get(key);
    if (!group) {
      group = { principal, link, selection, waiters: new Map() };
      this.pending.set(key, group);
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const waiters = group.waiters.get(id) ?? [];
    group.waiters.set(id, waiters);
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.pending.values()];
    this.pending.clear();
    for (const group of groups) {
      const ids = [...group.waiters.keys()];
      const { aliases, tokens } = group.selection;
      const size = Math.max(
        1,
        Math.min(
          Math.floor(this.limits.maxAliases / (aliases + 1)),
          Math.floor(this.limits.maxTokens / (tokens + 12)),
        ),
      );
      for (let i = 0; i < ids.length; i += size) void this.fetch(group, ids.slice(i, i + size));
    }
  }

  private async fetch(group: Group, ids: string[]): Promise<void> {
    const { link, selection } = group;
    const declarations = [
      ...selection.variableDefinitions,
      ...ids.map((_, i) => `$subscriptionId${i}: ID!`),
    ].join(', ');
    const fields = ids.map(
      (_, i) =>
        `item${i}: ${link.queryField}(${link.idArgument}: $subscriptionId${i}) ${selection.selectionSet}`,
    );
    const query = `query SubscriptionPayload(${declarations}) {\n${fields.join('\n')}\n}\n${selection.fragments}`;
    const variables = {
      ...selection.variables,
      ...Object.fromEntries(ids.map((id, i) => [`subscriptionId${i}`, id])),
    };
    this.operations++;
    try {
      const result = await this.execute(
        { query, variables },
        group.principal,
        `subscription-${process.pid}-${++this.sequence}`,
      );
      const failedAsWhole = (result.errors ?? []).find((e) => !e.path || e.path.length === 0);
      if (failedAsWhole && result.data == null && ids.length > 1) {
        // Refused as a whole (e.g. the cost limit of many copies): halves, down to one id each.
        const half = Math.ceil(ids.length / 2);
        await Promise.all([this.fetch(group, ids.slice(0, half)), this.fetch(group, ids.slice(half))]);
        return;
      }
      ids.forEach((id, i) => {
        const waiters = group.waiters.get(id) ?? [];
        const item = result.data?.[`item${i}`];
        const errors = (result.errors ?? []).filter((e) => e.path?.[0] === `item${i}`);
        const own = errors.find((e) => e.path?.length === 1) ?? (item == null ? failedAsWhole : undefined);
        if (own && item == null) {
          const error = new GraphQLError(own.message, { extensions: own.extensions });
          for (const w of waiters) w.reject(error);
          return;
        }
        markDelegated(item);
        for (const e of errors) if (e.path && e.path.length > 1) attachError(item, e.path.slice(1), e);
        for (const w of waiters) w.resolve(item ?? null);
      });
    } catch (error) {
      this.log.error({ err: error, queryField: link.queryField }, 'subscriptions: supergraph fetch failed');
      for (const id of ids) for (const w of group.waiters.get(id) ?? []) w.reject(error);
    }
  }
}
