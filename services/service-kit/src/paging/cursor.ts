import { DomainError } from '../errors';

/** Opaque cursors: base64url JSON of the keyset position, so clients cannot depend on the shape. */
export function encodeCursor(position: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The typed error of every cursor this API did not issue. */
export function invalidCursor(field = 'after'): DomainError {
  return new DomainError('INVALID_CURSOR', 'The cursor is not one this API issued.', field);
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value)) return value;
  } catch {
    // fall through to the typed error
  }
  throw invalidCursor();
}

/** What one part of a keyset position must be; `timestamp` decodes to a Date. */
export type CursorPart = 'string' | 'uuid' | 'timestamp' | 'number';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodePart(value: unknown, kind: CursorPart): unknown {
  if (kind === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidCursor();
    return value;
  }
  if (typeof value !== 'string') throw invalidCursor();
  if (kind === 'uuid') {
    if (!UUID.test(value)) throw invalidCursor();
    return value.toLowerCase();
  }
  if (kind === 'timestamp') {
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) throw invalidCursor();
    return at;
  }
  return value;
}

/** A cursor's position checked against the parts it must have; anything else is INVALID_CURSOR. */
export function decodeKeyset(cursor: string, kinds: readonly CursorPart[]): unknown[] {
  const position = decodeCursor(cursor);
  if (position.length !== kinds.length) throw invalidCursor();
  return position.map((value, i) => decodePart(value, kinds[i]!));
}

/** Validates a page size (`first`): 1..max, `fallback` when absent; INVALID_PAGE_SIZE otherwise. */
export function pageSize(first: number | null | undefined, max = 100, fallback = 20): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new DomainError('INVALID_PAGE_SIZE', `first must be between 1 and ${max}.`, 'first');
  }
  return first;
}
