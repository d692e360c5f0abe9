import { DomainError, requireUuid, violatedUniqueIndex } from '@fidu/service-kit';

/** A reference-data row's name: 1 to 100 characters, trimmed. */
export function requireName(value: string | undefined): string {
  const name = (value ?? '').trim();
  if (!name || name.length > 100)
    throw new DomainError(
      'REFERENCE_DATA_NAME_INVALID',
      'A name of 1 to 100 characters is required.',
      'name',
    );
  return name;
}

/** Unique names and BICs: a duplicate is a typed error, not a 500. */
export function mapDuplicate(error: unknown): never {
  if (violatedUniqueIndex(error) !== undefined) {
    throw new DomainError('REFERENCE_DATA_DUPLICATE', 'Another row already has this name (or BIC).', 'name');
  }
  throw error;
}

/** An edited row's id, or null for a new row. */
export const optionalId = (id: string | null | undefined) => (id ? requireUuid(id, 'id') : null);
