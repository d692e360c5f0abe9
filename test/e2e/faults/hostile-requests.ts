import {
  buildClientSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';

/** A small seeded PRNG (mulberry32): a failing run is reproduced by its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values no field should take as they are: wrong types, hostile text, out-of-range numbers. */
export const HOSTILE_VALUES: unknown[] = [
  null,
  '',
  ' ',
  'x'.repeat(50_000),
  'a\u0000b',
  'lone \ud800 surrogate',
  '\udfff',
  '\u202e\u0645 rtl',
  "' OR 1=1 --",
  "'; DROP TABLE client; --",
  '" OR ""="',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%ff',
  'NaN',
  '-1',
  '9999-12-31',
  '2024-02-30',
  '0000-00-00T25:61:61Z',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  'BE0000.000.000',
  'NOT_AN_ENUM_VALUE',
  0,
  -1,
  2 ** 31,
  -(2 ** 53),
  1.5e308,
  0.1,
  true,
  false,
  [],
  [null],
  Array.from({ length: 300 }, (_, i) => i),
  {},
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

export interface Fixtures {
  /** Ids the caller does not own (another office's client…). */
  foreignIds: string[];
  /** Ids nobody has. */
  unknownIds: () => string;
}

/** A value that passes the type (a plausible input), for the parts of an input a request leaves alone. */
function plausible(type: GraphQLInputType, rand: () => number, fx: Fixtures, depth = 0): unknown {
  if (isNonNullType(type)) return plausible(type.ofType, rand, fx, depth);
  if (isListType(type)) return depth > 3 ? [] : [plausible(type.ofType, rand, fx, depth + 1)];
  if (isEnumType(type)) {
    const values = type.getValues();
    return values[Math.floor(rand() * values.length)]?.value;
  }
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isNonNullType(field.type) || rand() < 0.5)
        out[field.name] = plausible(field.type, rand, fx, depth + 1);
    return out;
  }
  switch (getNamedType(type).name) {
    case 'ID':
      return rand() < 0.5 && fx.foreignIds.length > 0
        ? fx.foreignIds[Math.floor(rand() * fx.foreignIds.length)]
        : fx.unknownIds();
    case 'Int':
      return Math.floor(rand() * 20);
    case 'Float':
      return rand() * 100;
    case 'Boolean':
      return rand() < 0.5;
    case 'Date':
      return '2024-03-15';
    case 'DateTime':
      return '2024-03-15T10:00:00Z';
    default:
      return ['hostile-input test', '0417497106', 'O\'Brien "; --', 'café ☕ 𝄞'][Math.floor(rand() * 4)];
  }
}

/** Replaces one leaf (or the whole value) somewhere in a plausible value by a hostile one. */
function corrupt(value: unknown, rand: () => number): unknown {
  const pick = () => HOSTILE_VALUES[Math.floor(rand() * HOSTILE_VALUES.length)];
  if (value === null || typeof value !== 'object' || rand() < 0.25) return pick();
  if (Array.isArray(value)) return value.length === 0 ? [pick()] : [corrupt(value[0], rand)];
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return { unexpected: pick() };
  const [key, inner] = entries[Math.floor(rand() * entries.length)]!;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  // Sometimes a required field goes missing instead.
  if (rand() < 0.2) delete copy[key];
  else copy[key] = corrupt(inner, rand);
  return copy;
}

export interface HostileRequest {
  kind: 'query' | 'mutation';
  field: string;
  body: Record<string, unknown>;
}

/** Root fields of the schema, each with how to call it; built once from the gateway's introspection. */
export class HostileRequestFactory {
  readonly schema: GraphQLSchema;
  readonly operations: { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[];

  constructor(introspection: IntrospectionQuery) {
    this.schema = buildClientSchema(introspection);
    const fields = (kind: 'query' | 'mutation') =>
      Object.values(
        (kind === 'query' ? this.schema.getQueryType() : this.schema.getMutationType())?.getFields() ?? {},
      )
        .filter((f) => !f.name.startsWith('_'))
        .map((field) => ({ kind, field }));
    this.operations = [...fields('query'), ...fields('mutation')];
  }

  /** The n-th request: operations in turn, arguments plausible but for one hostile part (or a missing one). */
  make(n: number, rand: () => number, fx: Fixtures): HostileRequest {
    const { kind, field } = this.operations[n % this.operations.length]!;
    const args = field.args;
    const selection =
      isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
    const variables: Record<string, unknown> = {};
    for (const arg of args) variables[arg.name] = plausible(arg.type, rand, fx);
    const style = rand();
    if (args.length > 0 && style < 0.15) {
      // A literal instead of a variable: the wrong type is caught by validation, not coercion.
      const arg = args[Math.floor(rand() * args.length)]!;
      const others = args.filter((a) => a !== arg);
      const literal = JSON.stringify(HOSTILE_VALUES[Math.floor(rand() * 20)] ?? null).slice(0, 2_000);
      return {
        kind,
        field: field.name,
        body: {
          query: `${kind}${declare(others)} { ${field.name}(${[`${arg.name}: ${literal}`, ...others.map((a) => `${a.name}: $${a.name}`)].join(', ')})${selection} }`,
          variables: Object.fromEntries(others.map((a) => [a.name, variables[a.name]])),
        },
      };
    }
    // One request in five keeps well-typed arguments: unknown and other tenants' ids, plain text, so it
    // reaches the resolvers and their tenancy checks rather than stopping at the gateway's coercion.
    if (args.length > 0 && style < 0.8) {
      const arg = args[Math.floor(rand() * args.length)]!;
      if (style < 0.25) delete variables[arg.name];
      else variables[arg.name] = corrupt(variables[arg.name], rand);
    }
    const call = args.length > 0 ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
    return {
      kind,
      field: field.name,
      body: { query: `${kind}${declare(args)} { ${field.name}${call}${selection} }`, variables },
    };
  }
}

function declare(args: readonly GraphQLArgument[]): string {
  return args.length > 0 ? `(${args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')})` : '';
}
