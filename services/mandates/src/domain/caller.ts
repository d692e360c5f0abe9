import { DomainError } from '@fidu/service-kit/domain';

/** Who acts and in which request: recorded in the history and carried by events. */
export interface Caller {
  actor: string;
  correlationId: string;
}

/** The system itself (reactions to events, scheduled jobs). */
export const SYSTEM = 'system';

/** A required free-text reason (archive, rejection…), trimmed; `code` when blank. */
export function requireReason(value: string | null | undefined, code: string, field = 'reason'): string {
  const reason = (value ?? '').trim();
  if (!reason) throw new DomainError(code, 'Say why (a reason is required).', field);
  if (reason.length > 500) throw new DomainError(code, 'The reason is limited to 500 characters.', field);
  return reason;
}

/** Optional reason: trimmed, null when blank, at most 500 characters. */
export function optionalReason(value: string | null | undefined): string | null {
  const reason = (value ?? '').trim();
  if (reason.length > 500)
    throw new DomainError('MANDATES_REASON_TOO_LONG', 'The reason is limited to 500 characters.', 'reason');
  return reason || null;
}
