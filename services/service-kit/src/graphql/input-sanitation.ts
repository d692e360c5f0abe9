import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/**
 * One rule for every text input, applied at the gateway and again in every subgraph: no NUL
 * character (Postgres refuses it, so it used to surface as a 500) and no lone UTF-16 surrogate
 * (invalid Unicode, silently mangled on its way to the database or Kafka).
 */
export const INVALID_TEXT = 'INVALID_TEXT';

// eslint-disable-next-line no-control-regex -- the NUL character is exactly what is looked for
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string holds neither a NUL nor a lone surrogate. */
export function isSafeText(value: string): boolean {
  return !UNSAFE.test(value);
}

/** True when every string (and object key) among the variables is safe. Iterative: depth is the caller's. */
function variablesAreSafe(variables: Record<string, unknown>): boolean {
  const stack: unknown[] = [variables];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (!isSafeText(value)) return false;
    } else if (Array.isArray(value)) {
      for (const v of value) stack.push(v);
    } else if (value !== null && typeof value === 'object') {
      for (const k in value) {
        if (!isSafeText(k)) return false;
        stack.push((value as Record<string, unknown>)[k]);
      }
    }
  }
  return true;
}

/**
 * Where the first unsafe string is among the variables (`$input.name`), or undefined. Builds a path
 * per value, so it runs only once variablesAreSafe has found one (20 entity representations, the
 * common case, cost no strings).
 */
function unsafeVariable(variables: Record<string, unknown>): string | undefined {
  if (variablesAreSafe(variables)) return undefined;
  const stack: [unknown, string][] = Object.entries(variables).map(([k, v]) => [v, `$${k}`]);
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isSafeText(value)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, `${path}.${i}`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (!isSafeText(k)) return path;
        stack.push([v, `${path}.${k}`]);
      }
    }
  }
  return undefined;
}

/**
 * What unsafeLiteral found per document. Apollo Server hands every request of the same query text
 * the same cached DocumentNode, so the walk over its literals runs once per query, not per request.
 */
const literalVerdicts = new WeakMap<DocumentNode, string | null>();

/** The first string literal of the operation that is unsafe, or undefined. */
function unsafeLiteral(document: DocumentNode): string | undefined {
  const known = literalVerdicts.get(document);
  if (known !== undefined) return known ?? undefined;
  let found: string | undefined;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (found === undefined && !isSafeText(node.value))
        found = `a string literal at ${node.loc?.start ?? 0}`;
    },
  });
  literalVerdicts.set(document, found ?? null);
  return found;
}

/** Throws INVALID_TEXT (400) when any string the operation carries is unsafe; the value is never echoed. */
export function assertSafeTextInputs(document: DocumentNode, variables: Record<string, unknown> = {}): void {
  const where = unsafeVariable(variables) ?? unsafeLiteral(document);
  if (where === undefined) return;
  throw new GraphQLError(
    `Text inputs may not contain NUL characters or invalid Unicode (lone surrogates): ${where}.`,
    { extensions: { code: INVALID_TEXT, http: { status: 400 } } },
  );
}

/** The Apollo plugin form: refuses before any resolver (or subgraph fetch) runs. */
export function inputSanitationPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          assertSafeTextInputs(document, request.variables ?? {});
        },
      };
    },
  };
}
