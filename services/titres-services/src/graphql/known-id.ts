import { DomainError, requireUuid } from '@fidu/service-kit';

/**
 * The id in its stored form, or null when it cannot be one of ours. For entity references and
 * fields, where a malformed id is simply "not found here" rather than an error.
 */
export function knownIdOrNull(id: string): string | null {
  try {
    return requireUuid(id, 'id');
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}
