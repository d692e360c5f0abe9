import { DomainError } from '../errors';

/** Opaque cursors: base64url JSON of the keyset position, so clients cannot depend on the shape. */
export function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value)) return value;
  } catch {
    // fall through to the typed error
  }
  throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API issued.', 'after');
}

/** Validates a page size: 1..max, default when absent. */
export function pageSize(first: number | null | undefined, max = 100, fallback = 20): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new DomainError('INVALID_PAGE_SIZE', `first must be between 1 and ${max}.`, 'first');
  }
  return first;
}
