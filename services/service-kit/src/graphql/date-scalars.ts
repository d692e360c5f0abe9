import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * The two date scalars every subgraph (and the gateway's edge) shares. Federation wants one
 * definition per name, so they live here: `Date` is a calendar date `YYYY-MM-DD`, `DateTime` an
 * ISO-8601 instant with its offset. Both reach resolvers as the very string the caller sent (so a
 * signature computed over it still matches), but only once it names a real date: an
 * impossible one (`2024-02-30`, `0000-00-00`) or an object is refused at the edge with a code,
 * before it can reach SQL.
 */

/** A refusal graphql-js carries into the error it reports (it copies `extensions`). */
class ScalarInputError extends Error {
  readonly extensions: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.extensions = { code };
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDay(y: string, m: string, d: string): boolean {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  // Year 0 does not exist in Postgres (nor in the Gregorian calendar).
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** True for a calendar date `YYYY-MM-DD` that exists (leap years included). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && isRealDay(m[1]!, m[2]!, m[3]!);
}

/** True for an ISO-8601 instant with an explicit offset (`Z` or `±hh:mm`) whose every part exists. */
export function isIsoInstant(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isRealDay(m[1]!, m[2]!, m[3]!)) return false;
  const [hh, mm, ss, oh, om] = [m[4], m[5], m[6] ?? '0', m[8] ?? '0', m[9] ?? '0'].map(Number);
  return hh! <= 23 && mm! <= 59 && ss! <= 59 && oh! <= 14 && om! <= 59;
}

function scalar(name: string, code: string, accepts: (v: string) => boolean, expected: string) {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string' || !accepts(value))
      throw new ScalarInputError(code, `${name} must be ${expected}.`);
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description: `${name}: ${expected}.`,
    serialize: (value) => (value instanceof Date ? value.toISOString() : (value as string)),
    parseValue: parse,
    parseLiteral: (node: ValueNode) => {
      if (node.kind !== Kind.STRING) throw new ScalarInputError(code, `${name} must be ${expected}.`);
      return parse(node.value);
    },
  });
}

/** `Date`: a calendar date, e.g. 2026-11-22. Code INVALID_DATE. */
export const DateScalar = scalar('Date', 'INVALID_DATE', isCalendarDate, 'a calendar date YYYY-MM-DD');

/** `DateTime`: an instant with its offset, e.g. 2026-11-22T09:30:00Z. Code INVALID_DATE_TIME. */
export const DateTimeScalar = scalar(
  'DateTime',
  'INVALID_DATE_TIME',
  isIsoInstant,
  'an ISO-8601 instant with its offset, e.g. 2026-11-22T09:30:00Z',
);

/** The implementations by name, for a schema that declares the scalars. */
export const DATE_SCALARS: Record<string, GraphQLScalarType> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
};
